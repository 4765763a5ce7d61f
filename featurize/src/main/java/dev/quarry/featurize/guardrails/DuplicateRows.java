package dev.quarry.featurize.guardrails;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts rows that repeat an earlier row exactly (every feature and the target), by a 64-bit hash
 * per row and one sort: no row objects. Two different rows collide with probability about
 * n²/2^65, below 10^-7 for a million rows.
 */
final class DuplicateRows {

    private DuplicateRows() {
    }

    static GuardrailCheck check(LabelledTable train) {
        int n = train.target().size();
        long[] hash = new long[n];
        for (Column c : train.features().columns()) {
            for (int i = 0; i < n; i++) {
                long v = switch (c) {
                    case NumericColumn num -> Double.doubleToLongBits(num.values()[i]);
                    case CategoricalColumn k -> k.codes()[i];
                };
                hash[i] = mix(hash[i] * 31 + v);
            }
        }
        Target t = train.target();
        for (int i = 0; i < n; i++) {
            hash[i] = mix(hash[i] * 31 + (t.labels() != null ? t.labels()[i] : Double.doubleToLongBits(t.values()[i])));
        }
        Arrays.sort(hash);
        int duplicates = 0;
        for (int i = 1; i < n; i++) {
            duplicates += hash[i] == hash[i - 1] ? 1 : 0;
        }
        if (duplicates == 0) {
            return new GuardrailCheck("duplicate_rows", CheckStatus.PASSED, List.of(), "no duplicate rows", "none");
        }
        return new GuardrailCheck("duplicate_rows", CheckStatus.WARNING, List.of(),
                String.format(Locale.ROOT, "%d rows (%.2f%%) repeat an earlier row exactly, target included", duplicates,
                        100.0 * duplicates / n),
                "kept; a repeated row in both a training and a validation fold makes cross-validated scores optimistic: "
                        + "remove repeats that are not real, independent observations");
    }

    /** The murmur3 64-bit finaliser. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
