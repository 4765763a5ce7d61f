package dev.quarry.featurize.csv;

import dev.quarry.featurize.DataException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records: quoted fields may hold delimiters, doubled quotes and line
 * breaks; {@code \n} and {@code \r\n} both end a record; blank lines are skipped; unquoted fields are
 * trimmed. Tracks the physical line each record starts on, for error messages. Not thread-safe.
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
     * @return the next record's fields, or null at the end of the input
     * @throws DataException on an unterminated quote or text after a closing quote
     */
    List<String> next() throws IOException {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        int c = read();
        if (first && c == '\uFEFF') {
            c = read();
        }
        first = false;
        while (c == '\n' || c == '\r') {
            if (c == '\n') {
                line++;
            }
            c = read();
        }
        if (c < 0) {
            return null;
        }
        recordLine = line;
        boolean quoted = false;
        while (true) {
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
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
                        if (c == '\n') {
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
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c == '\n' || c == '\r') {
                    line++;
                }
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
