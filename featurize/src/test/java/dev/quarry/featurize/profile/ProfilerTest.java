package dev.quarry.featurize.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.Datasets;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {

    /** 120 rows, one column per detected type. */
    private static Table everyType(Path dir) throws Exception {
        var csv = new StringBuilder("x,code,flag,yes,day,us,stamp,iso,clock,words,key,row,same,empty,level\n");
        for (int i = 0; i < 120; i++) {
            LocalDate d = LocalDate.of(2020, 1, 1).plusDays(i * 3L);
            csv.append(i * 0.37 % 5).append(',')
                    .append(i % 5).append(',')
                    .append(i % 2).append(',')
                    .append(i % 3 == 0 ? "Yes" : "no").append(',')
                    .append(d).append(',')
                    .append(String.format("%02d/%02d/%d", d.getMonthValue(), d.getDayOfMonth(), d.getYear())).append(',')
                    .append(d).append(' ').append(String.format("%02d:%02d:07", i % 24, i % 60)).append(',')
                    .append(d).append("T10:15:30Z").append(',')
                    .append(String.format("%02d:%02d", i % 24, i % 60)).append(',')
                    .append("the customer number ").append(i).append(" wrote again").append(',')
                    .append("K-").append(1000 + i * 7).append(',')
                    .append(i + 1).append(',')
                    .append("same,")
                    .append(',')
                    .append("L").append(i % 7).append('\n');
        }
        Path file = dir.resolve("types.csv");
        Files.writeString(file, csv);
        return CsvReader.read(file, CsvOptions.defaults());
    }

    @Test
    void detectsEveryTypeFromTheValues(@TempDir Path dir) throws Exception {
        TableProfile p = Profiler.profile(everyType(dir), Map.of());
        var expected = new java.util.LinkedHashMap<String, ColumnType>();
        expected.put("x", ColumnType.NUMERIC);
        expected.put("code", ColumnType.INTEGER_CATEGORICAL);
        expected.put("flag", ColumnType.BOOLEAN);
        expected.put("yes", ColumnType.BOOLEAN);
        expected.put("day", ColumnType.DATETIME);
        expected.put("us", ColumnType.DATETIME);
        expected.put("stamp", ColumnType.DATETIME);
        expected.put("iso", ColumnType.DATETIME);
        expected.put("clock", ColumnType.DATETIME);
        expected.put("words", ColumnType.TEXT);
        expected.put("key", ColumnType.ID);
        expected.put("row", ColumnType.ID);
        expected.put("same", ColumnType.CONSTANT);
        expected.put("empty", ColumnType.CONSTANT);
        expected.put("level", ColumnType.CATEGORICAL);
        assertEquals(expected, p.types());
        assertEquals(DatetimeFormat.ISO_DATE, p.get("day").datetimeFormat());
        assertEquals(DatetimeFormat.US_DATE, p.get("us").datetimeFormat());
        assertEquals(DatetimeFormat.DATE_SPACE_TIME, p.get("stamp").datetimeFormat());
        assertEquals(DatetimeFormat.ISO_DATE_TIME, p.get("iso").datetimeFormat());
        assertEquals(DatetimeFormat.ISO_TIME, p.get("clock").datetimeFormat());
        assertEquals(120, p.get("empty").missing());
    }

    @Test
    void realDatasetsGetTheTypesTheirManifestDescribes() {
        var titanic = Profiler.profile(CsvReader.read(Datasets.path("titanic.csv"), CsvOptions.defaults())
                .drop(java.util.List.of("Survived")), Map.of());
        assertEquals(ColumnType.ID, titanic.get("PassengerId").type());
        assertEquals(ColumnType.TEXT, titanic.get("Name").type());
        assertEquals(ColumnType.CATEGORICAL, titanic.get("Sex").type());
        assertEquals(ColumnType.NUMERIC, titanic.get("Age").type());
        var bike = Profiler.profile(CsvReader.read(Datasets.path("bike-sharing-hourly.csv"), CsvOptions.defaults()), Map.of());
        assertEquals(ColumnType.DATETIME, bike.get("dteday").type());
        assertEquals(ColumnType.ID, bike.get("instant").type(), "a row index in time order");
        var segment = Profiler.profile(CsvReader.read(Datasets.path("segment.csv"), CsvOptions.defaults()), Map.of());
        assertEquals(ColumnType.CONSTANT, segment.get("region-pixel-count").type());
    }

    @Test
    void overridesWinAndImpossibleOnesNameTheColumnAndAValue(@TempDir Path dir) throws Exception {
        Table t = everyType(dir);
        var p = Profiler.profile(t, Map.of("key", ColumnOverride.CATEGORICAL, "words", ColumnOverride.IGNORE,
                "code", ColumnOverride.NUMERIC));
        assertEquals(ColumnType.CATEGORICAL, p.get("key").type());
        assertTrue(p.get("key").overridden());
        assertEquals(ColumnType.IGNORED, p.get("words").type());
        assertEquals(ColumnType.NUMERIC, p.get("code").type());

        var unknown = assertThrows(DataException.class, () -> Profiler.profile(t, Map.of("nope", ColumnOverride.TEXT)));
        assertTrue(unknown.getMessage().startsWith("featurize.columns names column 'nope', which the data lacks"),
                unknown.getMessage());
        var epoch = assertThrows(DataException.class, () -> Profiler.profile(t, Map.of("row", ColumnOverride.DATETIME)));
        assertTrue(epoch.getMessage().contains("column 'row' (featurize.columns: datetime) holds numbers; epoch timestamps "
                + "are not guessed"), epoch.getMessage());
        var notDates = assertThrows(DataException.class, () -> Profiler.profile(t, Map.of("level", ColumnOverride.DATETIME)));
        assertTrue(notDates.getMessage().contains("no supported date format, e.g. 'L0'"), notDates.getMessage());
        var notBoolean = assertThrows(DataException.class, () -> Profiler.profile(t, Map.of("level", ColumnOverride.BOOLEAN)));
        assertTrue(notBoolean.getMessage().contains("has 7 distinct values; a boolean has at most 2"), notBoolean.getMessage());
    }

    @Test
    void datetimeFormatsParseStrictlyAndNeverGuessEpochs() {
        assertEquals(LocalDate.of(2011, 1, 31).toEpochDay() * 86_400.0, DatetimeFormat.ISO_DATE.parse("2011-01-31"), 0.0);
        assertTrue(Double.isNaN(DatetimeFormat.ISO_DATE.parse("2011-02-30")), "no 30 February");
        assertTrue(Double.isNaN(DatetimeFormat.US_DATE.parse("31/01/2011")), "month first");
        assertEquals(DatetimeFormat.ISO_DATE_TIME.parse("2011-01-31T10:00:00Z"),
                DatetimeFormat.ISO_DATE_TIME.parse("2011-01-31T12:00:00+02:00"), 0.0, "offsets are honoured");
        assertEquals(61_200.5, DatetimeFormat.ISO_TIME.parse("17:00:00.5"), 1e-9);
        assertEquals(null, DatetimeFormat.detect(java.util.List.of("1293753600", "1293840000")), "epoch seconds stay numbers");
    }
}
