package dev.quarry.automl.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The best model's validation report against hand-computed counts, rates and Brier score. */
class ValidationReportTest {

    @Test
    @SuppressWarnings("unchecked")
    void binaryReportPoolsFoldsAndCalibrates() {
        var fold1 = new Target("y", Task.BINARY, List.of("no", "yes"), new int[] {0, 1, 1}, null);
        var fold2 = new Target("y", Task.BINARY, List.of("no", "yes"), new int[] {0, 0}, null);
        var p1 = Predictions.ofProbabilities(new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}});
        var p2 = Predictions.ofProbabilities(new double[][] {{0.15, 0.85}, {1.0, 0.0}});
        Map<String, Object> r = ValidationReport.toTree(List.of(fold1, fold2), List.of(p1, p2));
        assertEquals(5L, r.get("rows"));
        // actual no: predicted no (0.1), no (0.0), yes (0.85); actual yes: yes (0.8), no (0.4)
        assertEquals(List.of(List.of(2L, 1L), List.of(1L, 1L)), r.get("confusion"));
        var yes = ((List<Map<String, Object>>) r.get("perClass")).get(1);
        assertEquals(0.5, yes.get("precision"));
        assertEquals(0.5, yes.get("recall"));
        assertEquals(2L, yes.get("support"));
        var calibration = (Map<String, Object>) r.get("calibration");
        assertEquals((0.01 + 0.04 + 0.36 + 0.7225 + 0.0) / 5, (double) calibration.get("brier"), 1e-12);
        var bins = (List<Map<String, Object>>) calibration.get("reliability");
        assertEquals(2L, bins.get(8).get("rows"), "0.8 (a yes) and 0.85 (a no) fall in [0.8, 0.9)");
        assertEquals(0.825, (double) bins.get(8).get("meanPredicted"), 1e-12);
        assertEquals(0.5, bins.get(8).get("observedRate"));
        assertEquals(1L, bins.get(0).get("rows"), "0.0 is alone in [0, 0.1); 0.1 starts the next bin");
        assertEquals(1L, bins.get(1).get("rows"));
        assertNull(bins.get(5).get("meanPredicted"), "an empty bin has no rates");
    }

    @Test
    void regressionHasNoReport() {
        var t = new Target("y", Task.REGRESSION, List.of(), null, new double[] {1, 2});
        assertNull(ValidationReport.toTree(List.of(t), List.of(Predictions.ofValues(new double[] {1, 2}))));
    }
}
