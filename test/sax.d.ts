// The part of sax (isaacs/sax-js, no bundled types) the XML format tests use: a strict, well-formedness-checking parser.
declare module 'sax' {
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  export interface SAXParser {
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    onerror: (error: Error) => void;
    write(text: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(strict: boolean, options?: { xmlns?: boolean; position?: boolean }): SAXParser;
}
