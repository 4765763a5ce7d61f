package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A free-text column as {@code __words} (the number of words) and {@code buckets} hashed word
 * n-gram features {@code __h<k>} (the hashing trick, Weinberger et al. 2009): words are runs of
 * letters and digits, lower-cased; each word and each pair of adjacent words (n-grams up to
 * {@code ngrams}) adds 1 to bucket {@code hash mod buckets}, and buckets are divided by the number of
 * n-grams, so lengths compare. The hash is {@link String#hashCode} (specified by the language, so
 * stable across JVMs) with a murmur3 finaliser. Needs no fitted vocabulary, so unseen words are
 * handled like seen ones. A missing value gives zeros.
 *
 * @param column the raw column
 * @param buckets the number of hashed features, in [1, 4096]
 * @param ngrams the longest n-gram, 1 or 2
 */
public record TextHashTransform(String column, int buckets, int ngrams) implements ColumnTransform {

    /** Validates. */
    public TextHashTransform {
        if (buckets < 1 || buckets > 4096) {
            throw new IllegalArgumentException("`buckets` of text column " + column + " must be in [1, 4096], got " + buckets);
        }
        if (ngrams < 1 || ngrams > 2) {
            throw new IllegalArgumentException("`ngrams` of text column " + column + " must be 1 or 2, got " + ngrams);
        }
    }

    @Override
    public ColumnKind inputKind() {
        return ColumnKind.CATEGORICAL;
    }

    @Override
    public List<String> featureNames() {
        var names = new ArrayList<String>(buckets + 1);
        names.add(column + "__words");
        for (int k = 0; k < buckets; k++) {
            names.add(column + "__h" + k);
        }
        return names;
    }

    @Override
    public void apply(Column input, double[][] out, int offset) {
        CategoricalColumn c = Categorical.text(input, column);
        int[] codes = c.codes();
        // The first row of each level is hashed; later rows of the same level copy it.
        int[] firstRow = new int[c.levels().size()];
        java.util.Arrays.fill(firstRow, -1);
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code < 0) {
                continue;
            }
            if (firstRow[code] >= 0) {
                System.arraycopy(out[firstRow[code]], offset, out[i], offset, buckets + 1);
            } else {
                firstRow[code] = i;
                hash(c.levels().get(code), out[i], offset);
            }
        }
    }

    private void hash(String text, double[] row, int offset) {
        List<String> words = words(text);
        row[offset] = words.size();
        int grams = 0;
        for (int w = 0; w < words.size(); w++) {
            row[offset + 1 + bucket(words.get(w))]++;
            grams++;
            if (ngrams == 2 && w > 0) {
                row[offset + 1 + bucket(words.get(w - 1) + ' ' + words.get(w))]++;
                grams++;
            }
        }
        if (grams > 0) {
            for (int k = 1; k <= buckets; k++) {
                row[offset + k] /= grams;
            }
        }
    }

    private int bucket(String gram) {
        int h = gram.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, buckets);
    }

    static List<String> words(String text) {
        var out = new ArrayList<String>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean word = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return out;
    }
}
