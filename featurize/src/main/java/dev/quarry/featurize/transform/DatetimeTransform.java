package dev.quarry.featurize.transform;

import dev.quarry.featurize.profile.DatetimeFormat;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A date or date-time column as its parts: {@code __year}, {@code __month}, {@code __day},
 * {@code __weekday} (1 = Monday), {@code __hour} when values carry a time, and {@code __elapsed}
 * (days since the earliest training value; for a time of day, hours since midnight). A missing
 * value, or one that does not parse in the training format, takes the training median's parts and,
 * if training had missing values, sets {@code __missing}.
 *
 * @param column the raw column
 * @param format the format detected on the training data
 * @param origin the earliest training value, seconds since the epoch (0 for a time of day)
 * @param fill the training median, seconds, used for missing values
 * @param indicator whether a {@code __missing} feature follows
 */
public record DatetimeTransform(String column, DatetimeFormat format, double origin, double fill, boolean indicator)
        implements ColumnTransform {

    /** Validates. */
    public DatetimeTransform {
        if (format == null || !Double.isFinite(origin) || !Double.isFinite(fill)) {
            throw new IllegalArgumentException("datetime transform of " + column + " needs a format, a finite origin and fill");
        }
    }

    @Override
    public ColumnKind inputKind() {
        return ColumnKind.CATEGORICAL;
    }

    @Override
    public List<String> featureNames() {
        var names = new ArrayList<String>();
        if (format.hasDate()) {
            names.addAll(List.of(column + "__year", column + "__month", column + "__day", column + "__weekday"));
        }
        if (format.hasTime()) {
            names.add(column + "__hour");
        }
        names.add(column + "__elapsed");
        if (indicator) {
            names.add(column + "__missing");
        }
        return names;
    }

    @Override
    public void apply(Column input, double[][] out, int offset) {
        CategoricalColumn c = Categorical.text(input, column);
        int w = featureNames().size();
        // Parsed once per level, not per row: dictionary encoding makes repeated dates free.
        double[][] byCode = new double[c.levels().size()][];
        double[] onMissing = parts(fill, false);
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            double[] p;
            if (code < 0) {
                p = onMissing;
            } else {
                if (byCode[code] == null) {
                    double t = format.parse(c.levels().get(code));
                    byCode[code] = Double.isNaN(t) ? onMissing : parts(t, true);
                }
                p = byCode[code];
            }
            System.arraycopy(p, 0, out[i], offset, w);
        }
    }

    private double[] parts(double seconds, boolean present) {
        var p = new double[featureNames().size()];
        int k = 0;
        LocalDateTime t = LocalDateTime.ofEpochSecond((long) Math.floor(seconds), 0, ZoneOffset.UTC);
        if (format.hasDate()) {
            p[k++] = t.getYear();
            p[k++] = t.getMonthValue();
            p[k++] = t.getDayOfMonth();
            p[k++] = t.getDayOfWeek().getValue();
        }
        if (format.hasTime()) {
            p[k++] = t.getHour();
        }
        p[k++] = format.hasDate() ? (seconds - origin) / 86_400.0 : seconds / 3_600.0;
        if (indicator) {
            p[k] = present ? 0 : 1;
        }
        return p;
    }
}
