// Compose's interpolation of `$VAR`/`${VAR…}` in a compose file's values, as its documentation states it: the values a
// deployment gives a container come out of it, so a check of the deployment has to do it the same way. Linear string
// scanning, no regular expression on the user's text.

/** The operators of `${VAR<op>arg}`; '' is `${VAR}` or `$VAR`. */
export type InterpolationOp = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

/** A variable a value refers to, where, and what the deployment gives it. Offsets are in the interpolated text. */
export interface VariableUse {
  name: string;
  op: InterpolationOp;
  /** The whole reference, `$` to the closing brace. */
  start: number;
  end: number;
  /** Undefined: no env file of the deployment sets it (compose would then look in the shell that runs it). */
  value: string | undefined;
  /** Set for `?`/`:?` when the variable is missing there: compose stops with this message. */
  failure?: string;
  /** Nested inside another reference's default or alternative. */
  nested: boolean;
}

export interface Interpolated {
  value: string;
  uses: VariableUse[];
  /** A `${` with no closing brace, or an operator compose does not know: compose refuses the file. */
  invalid?: { start: number; message: string };
}

const OPS: InterpolationOp[] = [':-', ':?', ':+', '-', '?', '+'];
/** Compose refuses nesting deeper than anyone writes; the bound keeps a hostile value from recursing without end. */
const MAX_DEPTH = 10;

const isNameStart = (c: string | undefined) => c !== undefined && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isNameChar = (c: string | undefined) => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');

/** Where the `}` that closes a `${` opened before `from` is: braces of nested references are skipped. -1: none. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') i++;
    else if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * The text compose hands on for a value: `$$` is a `$`, and each reference is replaced by what `lookup` gives its
 * variable (an env file of the deployment), with the defaults, errors and alternatives of its operator.
 */
export function interpolate(text: string, lookup: (name: string) => string | undefined): Interpolated {
  const uses: VariableUse[] = [];
  const result = expand(text, 0, text.length, lookup, uses, 0);
  return { value: result.value, uses, invalid: result.invalid };
}

function expand(
  text: string,
  from: number,
  to: number,
  lookup: (name: string) => string | undefined,
  uses: VariableUse[],
  depth: number,
): { value: string; invalid?: Interpolated['invalid'] } {
  let out = '';
  let i = from;
  let invalid: Interpolated['invalid'];
  while (i < to) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1 || dollar >= to) {
      out += text.slice(i, to);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (isNameStart(next)) {
      let end = dollar + 1;
      while (end < to && isNameChar(text[end])) end++;
      const name = text.slice(dollar + 1, end);
      const value = lookup(name);
      uses.push({ name, op: '', start: dollar, end, value, nested: depth > 0 });
      out += value ?? '';
      i = end;
      continue;
    }
    if (next !== '{') {
      // A `$` before anything else is left as it is.
      out += '$';
      i = dollar + 1;
      continue;
    }
    const close = closingBrace(text, dollar + 2);
    if (close === -1 || close >= to) {
      invalid ??= { start: dollar, message: 'a `${` is never closed' };
      out += text.slice(dollar, to);
      break;
    }
    let nameEnd = dollar + 2;
    while (nameEnd < close && isNameChar(text[nameEnd])) nameEnd++;
    const name = text.slice(dollar + 2, nameEnd);
    const op = OPS.find((o) => text.startsWith(o, nameEnd)) ?? '';
    if (!isNameStart(name[0]) || (op === '' && nameEnd !== close) || depth >= MAX_DEPTH) {
      invalid ??= { start: dollar, message: `\`${text.slice(dollar, close + 1)}\` is not a reference compose understands` };
      out += text.slice(dollar, close + 1);
      i = close + 1;
      continue;
    }
    const value = lookup(name);
    const use: VariableUse = { name, op, start: dollar, end: close + 1, value, nested: depth > 0 };
    uses.push(use);
    const argument = () => {
      const inner = expand(text, nameEnd + op.length, close, lookup, uses, depth + 1);
      invalid ??= inner.invalid;
      return inner.value;
    };
    const present = value !== undefined && (op.startsWith(':') ? value !== '' : true);
    if (op === ':-' || op === '-') out += present ? value : argument();
    else if (op === ':+' || op === '+') out += present ? argument() : '';
    else if (op === ':?' || op === '?') {
      if (!present) use.failure = argument() || `${name} is required`;
      out += value ?? '';
    } else out += value ?? '';
    i = close + 1;
  }
  return { value: out, invalid };
}
