// A sign-in report as text for a terminal or output channel, and as Markdown for the editor's preview (pure).
import type { SignInReport, SignInStep } from './signIn';

/** Each step's name, as the report and the CLI's rule descriptions show it. */
export const STEP_TITLES: Record<SignInStep['id'], string> = {
  config: 'Settings',
  discovery: 'Realm metadata',
  authorize: 'Login request',
  login: 'Login form',
  callback: 'Redirect to the callback',
  token: 'Code exchange',
  issuer: 'Issuer',
  signature: 'Token accepted (publicKeyUrls)',
  claims: 'User name',
  domain: 'Email domain',
  admin: 'Admin',
  selfSignup: 'Self-signup',
};
const MARK = { pass: '✔', fail: '✘', warn: '⚠' } as const;

/** `file` names the config in the first line; `name` maps a canonical path to the file's own key. */
export function reportText(report: SignInReport, file: string, name: (path: string) => string = (p) => p): string {
  const lines = [
    `Test Sign-in of ${file} (${report.clientType} client, ${report.flow === 'code' ? 'authorization code' : 'implicit'} flow) as ${report.username}:`,
  ];
  for (const s of report.steps) {
    lines.push(`  ${MARK[s.status]} ${STEP_TITLES[s.id]}: ${s.detail}`);
    if (s.status === 'pass') continue;
    if (s.path) lines.push(`      setting: ${name(s.path)}${s.fix ? `. Fix: ${s.fix}` : ''}`);
    else if (s.fix) lines.push(`      Fix: ${s.fix}`);
    if (s.fixValue) lines.push(`      value: ${name(s.fixValue.path)} = ${JSON.stringify(s.fixValue.value)}`);
  }
  lines.push(`${report.ok ? 'PASS' : 'FAIL'}: ${report.summary}`);
  return lines.join('\n');
}

export function reportMarkdown(report: SignInReport, file: string, name: (path: string) => string = (p) => p): string {
  const lines = [
    `# Test Sign-in: ${report.ok ? 'passed' : 'failed'}`,
    '',
    `**${escape(report.summary)}**`,
    '',
    `File ${escape(file)}, ${report.clientType} client, ${report.flow === 'code' ? 'authorization code' : 'implicit'} flow, test user ${escape(report.username)}.`,
    '',
    '| | Step | Result | Setting | Fix |',
    '|---|---|---|---|---|',
    ...report.steps.map(
      (s) =>
        `| ${MARK[s.status]} | ${STEP_TITLES[s.id]} | ${escape(s.detail)} | ${s.status !== 'pass' && s.path ? `\`${name(s.path)}\`` : ''} | ${s.status !== 'pass' && s.fix ? escape(s.fix) : ''} |`,
    ),
  ];
  if (report.user) {
    lines.push(
      '',
      '## What OpenMetadata sees',
      '',
      `- user name: ${escape(report.user.name)} (from claim ${escape(report.user.claim)})`,
      `- email: ${escape(report.user.email)}`,
      `- admin: ${report.user.admin ? 'yes' : 'no'} (adminPrincipals: ${report.user.admins.map(escape).join(', ') || 'none'})`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Everything but the report's own frame comes from the token's claims, Keycloak's pages, the file or the person:
 * each ASCII punctuation character is escaped, so no link, image, HTML, emphasis or table break can form, and the
 * escape splits URLs and addresses, so the preview's bare-link detection finds none. Code spans are not used for
 * such text: a backquote in it would end the span.
 */
export function escape(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}
