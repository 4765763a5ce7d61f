package dev.quarry.featurize.csv;

import dev.quarry.featurize.DataException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records: quoted fields may hold delimiters, doubled quotes and line
 * breaks; {@code \n}, {@code \r\n} and a lone {@code \r} end a record; blank (or whitespace-only) lines
 * are skipped; unquoted fields are trimmed. Tracks the physical line each record starts on, for error messages. Not thread-safe.
 */
final class CsvParser implements AutoCloseable {

    private final Reader in;
    private final char delimiter;
    private final String file;
    private final char[] buffer = new char[1 << 16];
    private int length;
    private int pos;
    private int line = 1;
    private int recordLine;
    private boolean first = true;
    /** Whether the last record read was one unquoted field with nothing but whitespace. */
    private boolean blank;

    CsvParser(Reader in, char delimiter, String file) {
        this.in = in;
        this.delimiter = delimiter;
        this.file = file;
    }

    /** @return the 1-based physical line the last record returned started on */
    int recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        if (pos == length) {
            length = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (length <= 0) {
                length = 0;
                return -1;
            }
        }
        return buffer[pos++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /**
     * Consumes one line break, {@code \n}, {@code \r\n} or a lone {@code \r}, and counts it.
     *
     * @param c the break character just read
     */
    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    /**
     * @return the next record's fields, or null at the end of the input; a line holding only
     *     whitespace counts as blank and is skipped, like an empty one
     * @throws DataException on an unterminated quote or text after a closing quote
     */
    List<String> next() throws IOException {
        while (true) {
            List<String> fields = record();
            if (fields == null || !blank) {
                return fields;
            }
        }
    }

    private List<String> record() throws IOException {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        int c = read();
        if (first && c == '\uFEFF') {
            c = read();
        }
        first = false;
        while (c == '\n' || c == '\r') {
            endLine(c);
            c = read();
        }
        if (c < 0) {
            return null;
        }
        recordLine = line;
        boolean quoted = false;
        boolean anyQuoted = false;
        while (true) {
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                anyQuoted = true;
                int quoteLine = line;
                while (true) {
                    c = read();
                    if (c < 0) {
                        throw new DataException(file + " line " + quoteLine + ": a quoted field is never closed");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            field.append('"');
                        } else {
                            break;
                        }
                    } else {
                        // Line breaks inside quotes are kept verbatim but still counted, so later
                        // errors name the physical line an editor shows.
                        if (c == '\n' || (c == '\r' && peek() != '\n')) {
                            line++;
                        }
                        field.append((char) c);
                    }
                }
                c = read();
                while (c == ' ' || c == '\t') {
                    c = read();
                }
                if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    throw new DataException(file + " line " + line + ": unexpected text after a closing quote in field "
                            + (fields.size() + 1));
                }
                continue;
            }
            if (c < 0 || c == '\n' || c == '\r' || c == delimiter) {
                fields.add(quoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                quoted = false;
                if (c == delimiter) {
                    c = read();
                    continue;
                }
                if (c >= 0) {
                    endLine(c);
                }
                blank = !anyQuoted && fields.size() == 1 && fields.getFirst().isEmpty();
                return fields;
            }
            field.append((char) c);
            c = read();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
