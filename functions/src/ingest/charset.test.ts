import { decodeDicomText, isSupportedCharacterSet, parseSpecificCharacterSet } from "./charset";

/** Bytes written as in pydicom's charset test files' FileInfo.txt (\xNN escapes, ESC = \x1b). */
function bytesOf(text: string): Uint8Array {
  return Buffer.from(text, "latin1");
}

function decode(text: string, specificCharacterSet: string | undefined): string {
  return decodeDicomText(bytesOf(text), parseSpecificCharacterSet(specificCharacterSet));
}

describe("decodeDicomText", () => {
  it.each([
    ["ISO_IR 100 (Latin-1)", "ISO_IR 100", "M\xfcller^J\xe9r\xf4me", "Müller^Jérôme"],
    ["ISO_IR 192 (UTF-8)", "ISO_IR 192", "Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f\xe6\x9d\xb1=", "Wang^XiaoDong=王^小東="],
    ["ISO_IR 144 (Cyrillic)", "ISO_IR 144", "\xbb\xee\xdace\xdc\xd1yp\xd3", "Люкceмбypг"],
    ["ISO_IR 126 (Greek)", "ISO_IR 126", "\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2", "Διονυσιος"],
    ["ISO_IR 127 (Arabic)", "ISO_IR 127", "\xe2\xc8\xc7\xe6\xea^\xe4\xe6\xd2\xc7\xd1", "قباني^لنزار"],
    ["ISO_IR 138 (Hebrew)", "ISO_IR 138", "\xf9\xf8\xe5\xef^\xe3\xe1\xe5\xf8\xe4", "שרון^דבורה"],
    ["ISO_IR 101 (Latin-2)", "ISO_IR 101", "Dvo\xf8\xe1k^Anton\xedn", "Dvořák^Antonín"],
    ["GB18030", "GB18030", "Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=", "Wang^XiaoDong=王^小东="],
    ["GBK", "GBK", "\xcd\xf5^\xd0\xa1\xb6\xab", "王^小东"],
  ])("decodes %s", (_name, charset, raw, expected) => {
    expect(decode(raw, charset)).toBe(expected);
  });

  it("decodes Japanese ISO 2022 IR 87 (JIS X 0208 kanji and hiragana)", () => {
    const raw =
      "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B";
    expect(decode(raw, "\\ISO 2022 IR 87")).toBe("Yamada^Tarou=山田^太郎=やまだ^たろう");
  });

  it("decodes Japanese ISO 2022 IR 13 half-width katakana with IR 87", () => {
    const raw =
      "\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J";
    expect(decode(raw, "ISO 2022 IR 13\\ISO 2022 IR 87")).toBe("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
  });

  it("decodes Korean ISO 2022 IR 149", () => {
    const raw = "Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf";
    expect(decode(raw, "\\ISO 2022 IR 149")).toBe("Hong^Gildong=洪^吉洞=홍^길동");
  });

  it("reads the default repertoire as Latin-1 so no byte is lost", () => {
    expect(decode("Caf\xe9\x85", undefined)).toBe("Caf\u00e9\u0085");
  });

  it("falls back to Latin-1 for an unknown term and says it is unsupported", () => {
    expect(decode("Ab\xe9", "ISO_IR 999")).toBe("Abé");
    expect(isSupportedCharacterSet(["ISO_IR 999"])).toBe(false);
    expect(isSupportedCharacterSet(["", "ISO 2022 IR 87"])).toBe(true);
  });
});
