package dev.quarry.automl.learner.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndependentColumnsTest {

    @Test
    void dropsConstantAndCollinearColumnsAndStandardisesTheRest() {
        var random = new SplittableRandom(1);
        int n = 200;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double recency = random.nextDouble() * 70;
            double frequency = 1 + random.nextInt(50);
            boolean a = random.nextBoolean();
            // blood-transfusion's shape: Monetary = 250 * Frequency; plus a constant and a full one-hot pair
            rows[i] = new double[] {recency, frequency, 250 * frequency, 7, a ? 1 : 0, a ? 0 : 1, 1e-6 * random.nextGaussian()};
        }
        var basis = IndependentColumns.select(rows);
        assertArrayEquals(new int[] {0, 1, 4, 6}, basis.kept(),
                "monetary (a multiple of frequency), the constant and the second one-hot level go; a tiny-scale column stays");
        double[][] out = basis.apply(rows);
        for (int j = 0; j < out[0].length; j++) {
            double mean = 0;
            double ss = 0;
            for (double[] r : out) {
                mean += r[j] / n;
            }
            for (double[] r : out) {
                ss += (r[j] - mean) * (r[j] - mean) / n;
            }
            assertEquals(0, mean, 1e-9);
            assertEquals(1, ss, 1e-9);
        }
    }
}
