/**
 * Text from a submission (thrown messages, folder and file names, export names) made safe to
 * print. Every character that does something other than show a glyph becomes a visible escape such
 * as `\x1b`, `\u202e` or `\u{e0041}`:
 * - controls (C0, DEL, C1): they move a terminal's cursor, clear it, set its title, write its
 *   clipboard (OSC 52), split a CSV row or a Markdown line, and XML 1.0 cannot carry most of them;
 * - format characters (Unicode's Cf: the bidirectional overrides and isolates that reorder what a
 *   reader sees, zero-width spaces and joiners that make two names look alike, the invisible tag
 *   characters, and the rest of their block, whatever the Unicode version), the line and paragraph
 *   separators, lone surrogates, and U+FFFE and U+FFFF.
 *
 * With `keepNewlines`, line feeds stay (a multi-line message in a report); a carriage return is
 * always escaped, since it lets what follows overwrite a terminal line.
 *
 * The result holds only printable characters, so `printable` is idempotent. It is not meant to be
 * reversed: a backslash is left as it is, so that ordinary messages stay readable.
 */
export function printable(text: string, options: { readonly keepNewlines?: boolean } = {}): string {
  if (!UNPRINTABLE_ONE.test(text)) return text;
  return text.replace(UNPRINTABLE, (character) =>
    options.keepNewlines && character === '\n' ? character : escapeOf(character),
  );
}

/** True when `text` holds nothing that `printable` (without `keepNewlines`) would change. */
export function isPrintable(text: string): boolean {
  return !UNPRINTABLE_ONE.test(text);
}

/**
 * JSON that a terminal can show as it is and that parses to exactly the same value:
 * `JSON.stringify` already escapes C0 controls and lone surrogates, and this escapes what it leaves
 * raw (DEL, C1, format characters, U+2028 and U+2029) as `\uXXXX`.
 */
export function printableJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(LEFT_RAW_BY_JSON, (character) =>
    character.length === 2
      ? jsonEscape(character.charCodeAt(0)) + jsonEscape(character.charCodeAt(1))
      : jsonEscape(character.charCodeAt(0)),
  );
}

const CLASS = String.raw`[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF\u{E0000}-\u{E007F}]`;
const UNPRINTABLE = new RegExp(CLASS, 'gu');
const UNPRINTABLE_ONE = new RegExp(CLASS, 'u');
/** What JSON.stringify leaves raw in its output: not C0 (escaped in strings, and only layout outside them) nor lone surrogates. */
const LEFT_RAW_BY_JSON = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\uFFFE\uFFFF\u{E0000}-\u{E007F}]/gu;

function escapeOf(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  const code = character.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

function jsonEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}
