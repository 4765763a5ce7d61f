package dev.quarry.automl.learner.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quarry.automl.TestData;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.ModelBytes;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.Params;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import smile.math.kernel.GaussianKernel;
import smile.regression.GaussianProcessRegression;

/**
 * The GP's saved model is linear in the training rows, not quadratic, and predicts exactly what
 * Smile's full model predicts.
 */
class SmileGaussianProcessTest {

    private static final int ROWS = 800;

    @Test
    void savedModelHoldsNoKernelFactorAndPredictsLikeSmile() throws Exception {
        var learner = new SmileGaussianProcess();
        assumeTrue(learner.unavailableReason().isEmpty(), () -> learner.unavailableReason().orElse(""));
        TrainingData data = TestData.featurized("abalone.csv", "Class_Rings", Task.REGRESSION, ROWS, true);
        Params p = learner.space(Task.REGRESSION, ROWS).defaults();
        FittedModel model = learner.fit(data, p, 7);

        var bytes = new ByteArrayOutputStream();
        ModelBytes.write(model, bytes);
        double[][] x = data.features().rows();
        long rowBytes = (long) x.length * x[0].length * Double.BYTES;
        long factorBytes = (long) ROWS * ROWS * Double.BYTES;
        assertTrue(bytes.size() < 4 * rowBytes + 100_000,
                bytes.size() + " bytes for " + rowBytes + " bytes of training rows (the factor alone is " + factorBytes + ")");

        var full = GaussianProcessRegression.fit(x, data.target().values(), new GaussianKernel(p.getDouble("sigma")),
                new GaussianProcessRegression.Options(p.getDouble("noise"), true));
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = full.predict(x[i]);
        }
        assertArrayEquals(expected, model.predict(x).values(), 0.0);
    }
}
