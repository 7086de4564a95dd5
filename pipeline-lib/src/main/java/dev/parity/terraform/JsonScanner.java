package dev.parity.terraform;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A pull reader over UTF-8 JSON bytes made for one job: read a few keys of a large {@code show
 * -json} plan and skip everything else. The structure it reads is checked as strictly as a full
 * parser would; a skipped value is only checked for balanced brackets and closed strings, byte by
 * byte, without being tokenised. That skip is what makes a 100k-change plan fast: most of such a
 * plan is before/after values nobody asked for (see BENCHMARKS.md).
 */
final class JsonScanner implements Closeable {
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  enum Token {
    START_OBJECT,
    END_OBJECT,
    START_ARRAY,
    END_ARRAY,
    FIELD_NAME,
    STRING,
    SCALAR,
    END
  }

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int limit;
  private long consumed;

  /** Open containers, '{' or '[' each; checked against every closing bracket, skipped or not. */
  private byte[] stack = new byte[64];

  private int depth;

  /** In an object, a key was read and its value is due. */
  private boolean valueDue;

  /** A value just ended: a ',' or a closing bracket must come next. */
  private boolean afterValue;

  private Token token;
  private long tokenStart;

  /** The current FIELD_NAME's bytes in {@code buf}, not decoded yet; -1 when there are none. */
  private int keyStart = -1;

  private int keyEnd;

  /** The current token is a STRING whose bytes are not read yet. */
  private boolean stringPending;

  private String text;
  private byte[] chars = new byte[256];
  private final String[] recent = new String[512];
  private final byte[][] recentBytes = new byte[512][];

  JsonScanner(InputStream in) throws IOException {
    this.in = in;
    // A small document gets a small buffer: zeroing 256 KiB cost more than reading one of
    // OpenTofu's own plans (BENCHMARKS.md, plan readers). available() is only a size hint.
    this.buf = new byte[(int) Math.max(8 << 10, Math.min(1 << 18, in.available() + 1L))];
    fill();
    if (limit - pos >= 3
        && (buf[0] & 0xff) == 0xEF
        && (buf[1] & 0xff) == 0xBB
        && (buf[2] & 0xff) == 0xBF) {
      pos = 3;
    }
  }

  /**
   * A reader that starts mid-document, at byte {@code offset} of it, inside an array that is a
   * value of the root object, before one of its elements: what the second half of a split plan
   * assumes until the first half proves it.
   */
  static JsonScanner insideRootArray(InputStream in, long offset) throws IOException {
    JsonScanner s = new JsonScanner(in);
    s.consumed += offset;
    s.push((byte) '{');
    s.push((byte) '[');
    return s;
  }

  /** Where in the document the current token begins (bytes from its start). */
  long tokenStart() {
    return tokenStart;
  }

  /** The text of the current FIELD_NAME, STRING or SCALAR token. */
  String text() throws IOException {
    if (stringPending) {
      stringPending = false;
      text = readString();
    } else if (keyStart >= 0) {
      text = decode(buf, keyStart, keyEnd - keyStart);
      keyStart = -1;
    }
    return text;
  }

  /**
   * Which of these plain ASCII keys the current FIELD_NAME is (its index), or -1: compares bytes,
   * decodes nothing. Ask before reading the key's value.
   */
  int field(byte[][] keys) throws IOException {
    for (int k = 0; k < keys.length; k++) {
      byte[] key = keys[k];
      if (keyStart >= 0
          ? Arrays.equals(buf, keyStart, keyEnd, key, 0, key.length)
          : text().equals(new String(key, StandardCharsets.US_ASCII))) {
        return k;
      }
    }
    return -1;
  }

  Token next() throws IOException {
    finishPendingString();
    keyStart = -1;
    int c = nextSignificant();
    if (c == ',') {
      if (depth == 0 || !afterValue) {
        throw error("unexpected ','");
      }
      pos++;
      afterValue = false;
      c = nextSignificant();
      if (c == '}' || c == ']') {
        throw error("unexpected '" + (char) c + "' after ','");
      }
    } else if (afterValue && c >= 0 && c != '}' && c != ']') {
      throw error(
          depth == 0
              ? "unexpected content after the document"
              : "expected ',' or a closing bracket");
    }
    tokenStart = consumed + pos;
    if (c < 0) {
      if (depth > 0) {
        throw error(
            "unexpected end of input inside "
                + (stack[depth - 1] == '{' ? "an object" : "an array"));
      }
      return token = Token.END;
    }
    if (c == '}' || c == ']') {
      pos++;
      close((byte) c);
      afterValue = true;
      return token = c == '}' ? Token.END_OBJECT : Token.END_ARRAY;
    }
    boolean keyPosition = depth > 0 && stack[depth - 1] == '{' && !valueDue;
    if (keyPosition && c != '"') {
      throw error("expected a key in quotes");
    }
    valueDue = false;
    switch (c) {
      case '{', '[' -> {
        pos++;
        push((byte) c);
        return token = c == '{' ? Token.START_OBJECT : Token.START_ARRAY;
      }
      case '"' -> {
        pos++;
        if (!keyPosition) {
          // decoded only if asked for: most strings in a plan are values nobody reads
          stringPending = true;
          afterValue = true;
          return token = Token.STRING;
        }
        if (!readKeyInPlace()) {
          text = readString();
          if (nextSignificant() != ':') {
            throw error("expected ':' after the key \"" + text + "\"");
          }
          pos++;
        }
        valueDue = true;
        return token = Token.FIELD_NAME;
      }
      default -> {
        text = readScalar();
        afterValue = true;
        return token = Token.SCALAR;
      }
    }
  }

  /**
   * On START_OBJECT or START_ARRAY, moves past the matching close without tokenising; otherwise
   * does nothing.
   */
  void skipChildren() throws IOException {
    finishPendingString();
    if (token != Token.START_OBJECT && token != Token.START_ARRAY) {
      return;
    }
    // The hot loop of a large plan: locals instead of fields, strings skipped inline.
    int target = depth - 1;
    byte[] b = buf;
    int p = pos;
    int lim = limit;
    byte c = 0;
    while (depth > target) {
      if (p >= lim) {
        pos = p;
        refillOrFail("a skipped value");
        p = pos;
        lim = limit;
      }
      c = b[p++];
      if (c == '"') {
        while (true) {
          if (p >= lim) {
            pos = p;
            refillOrFail("a string");
            p = pos;
            lim = limit;
          }
          byte d = b[p++];
          if (d == '"') {
            break;
          }
          if ((d & 0xE0) == 0) { // 0x00-0x1F: JSON allows no raw control character in a string
            pos = p - 1;
            throw error("a control character in a string");
          }
          if (d == '\\') {
            if (p >= lim) {
              pos = p;
              refillOrFail("a string");
              p = pos;
              lim = limit;
            }
            p++;
          }
        }
      } else if (c == '{' || c == '[') {
        push(c);
      } else if (c == '}' || c == ']') {
        pos = p;
        close(c);
      }
    }
    pos = p;
    afterValue = true;
    token = c == '}' ? Token.END_OBJECT : Token.END_ARRAY;
  }

  private void finishPendingString() throws IOException {
    if (stringPending) {
      stringPending = false;
      while (true) {
        int c = readByte();
        if (c == '"') {
          return;
        }
        if (c == '\\') {
          readByte();
        } else if (c >= 0 && c < 0x20) {
          throw error("control character in a string");
        }
      }
    }
  }

  private void refillOrFail(String inside) throws IOException {
    if (!fill()) {
      throw error("unexpected end of input inside " + inside);
    }
  }

  private String readString() throws IOException {
    int h = 0;
    for (int i = pos; i < limit; i++) {
      byte c = buf[i];
      if (c == '"') {
        String s = decode(buf, pos, i - pos, h);
        pos = i + 1;
        return s;
      }
      if (c == '\\' || c >= 0 && c < 0x20) {
        break;
      }
      h = 31 * h + c;
    }
    return readStringSlowly();
  }

  /**
   * The common case of a key: plain bytes, closing quote and ':' all in the buffer. Leaves it there
   * (keyStart, keyEnd) for {@link #field} to compare without decoding; false, having moved nothing,
   * for any other case.
   */
  private boolean readKeyInPlace() {
    int i = pos;
    while (i < limit) {
      byte c = buf[i];
      if (c == '"') {
        break;
      }
      if (c == '\\' || c >= 0 && c < 0x20) {
        return false;
      }
      i++;
    }
    int end = i++;
    while (i < limit && isSpace(buf[i])) {
      i++;
    }
    if (i >= limit || buf[i] != ':') {
      return false;
    }
    keyStart = pos;
    keyEnd = end;
    pos = i + 1;
    return true;
  }

  /**
   * Keys and short values repeat a hundred thousand times in a large plan: the same bytes give the
   * same String from a small table instead of a new decode each time.
   */
  private String decode(byte[] bytes, int from, int length) {
    int h = 0;
    for (int i = from; i < from + length; i++) {
      h = 31 * h + bytes[i];
    }
    return decode(bytes, from, length, h);
  }

  /** {@code h} is the hash of the bytes, as {@link #decode(byte[], int, int)} computes it. */
  private String decode(byte[] bytes, int from, int length, int h) {
    if (length > 48) {
      return new String(bytes, from, length, StandardCharsets.UTF_8);
    }
    int slot = (h ^ (h >>> 16)) & (recent.length - 1);
    byte[] known = recentBytes[slot];
    if (known != null && Arrays.equals(known, 0, known.length, bytes, from, from + length)) {
      return recent[slot];
    }
    String s = new String(bytes, from, length, StandardCharsets.UTF_8);
    recentBytes[slot] = Arrays.copyOfRange(bytes, from, from + length);
    recent[slot] = s;
    return s;
  }

  private String readStringSlowly() throws IOException {
    int n = 0;
    while (true) {
      if (pos >= limit && !fill()) {
        throw error("unexpected end of input inside a string");
      }
      byte c = buf[pos++];
      if (c == '"') {
        return decode(chars, 0, n);
      }
      if (c >= 0 && c < 0x20) {
        throw error("control character in a string");
      }
      if (n + 4 > chars.length) {
        chars = Arrays.copyOf(chars, chars.length * 2);
      }
      if (c != '\\') {
        chars[n++] = c;
        continue;
      }
      n = unescape(n);
    }
  }

  /**
   * Decodes the escape after a backslash into {@code chars} at {@code n} as UTF-8; returns the new
   * length.
   */
  private int unescape(int n) throws IOException {
    int e = readByte();
    switch (e) {
      case '"', '\\', '/' -> chars[n++] = (byte) e;
      case 'b' -> chars[n++] = '\b';
      case 'f' -> chars[n++] = '\f';
      case 'n' -> chars[n++] = '\n';
      case 'r' -> chars[n++] = '\r';
      case 't' -> chars[n++] = '\t';
      case 'u' -> {
        int cp = hex4();
        if (Character.isHighSurrogate((char) cp) && peekIs('\\')) {
          pos++;
          if (readByte() != 'u') {
            throw error("invalid escape after a high surrogate");
          }
          int low = hex4();
          cp =
              Character.isLowSurrogate((char) low)
                  ? Character.toCodePoint((char) cp, (char) low)
                  : 0xFFFD;
        } else if (Character.isSurrogate((char) cp)) {
          cp = 0xFFFD;
        }
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, chars, n, utf8.length);
        n += utf8.length;
      }
      default -> throw error("invalid escape \\" + (char) e);
    }
    return n;
  }

  private int hex4() throws IOException {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(readByte(), 16);
      if (d < 0) {
        throw error("invalid \\u escape");
      }
      v = v * 16 + d;
    }
    return v;
  }

  private String readScalar() throws IOException {
    int n = 0;
    while (pos < limit || fill()) {
      byte c = buf[pos];
      if (!(c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '+'
          || c == '.'
          || c == 'E')) {
        break;
      }
      if (n == chars.length) {
        chars = Arrays.copyOf(chars, n * 2);
      }
      chars[n++] = c;
      pos++;
    }
    String v = decode(chars, 0, n);
    if (!(v.equals("true")
        || v.equals("false")
        || v.equals("null")
        || NUMBER.matcher(v).matches())) {
      throw error(v.isEmpty() ? "unexpected character" : "invalid value '" + v + "'");
    }
    return v;
  }

  private void push(byte open) {
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
    }
    stack[depth++] = open;
  }

  private void close(byte c) throws IOException {
    byte open = c == '}' ? (byte) '{' : (byte) '[';
    if (depth == 0 || stack[depth - 1] != open || valueDue) {
      throw error("unexpected '" + (char) c + "'");
    }
    depth--;
  }

  /** The next byte that is not white space, not consumed; -1 at the end of input. */
  private int nextSignificant() throws IOException {
    while (true) {
      if (pos >= limit && !fill()) {
        return -1;
      }
      byte c = buf[pos];
      if (!isSpace(c)) {
        return c;
      }
      pos++;
    }
  }

  /** JSON's four white-space bytes. */
  static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private boolean peekIs(char c) throws IOException {
    return (pos < limit || fill()) && buf[pos] == c;
  }

  private int readByte() throws IOException {
    if (pos >= limit && !fill()) {
      throw error("unexpected end of input");
    }
    return buf[pos++];
  }

  private boolean fill() throws IOException {
    consumed += limit;
    pos = 0;
    limit = 0;
    int n = in.readNBytes(buf, 0, buf.length);
    limit = n;
    return n > 0;
  }

  private IOException error(String message) {
    return new IOException(message + " at byte " + (consumed + pos));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
