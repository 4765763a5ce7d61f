package dev.quarry.automl.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.featurize.table.Task;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ModelBytesTest {

    /**
     * An extra-trees model of phoneme, the learner whose ensembles made phoneme's shipped models
     * hundreds of megabytes: its model file is gzip, several times smaller than the plain serialised
     * bytes, and reads back to the same predictions; plain bytes (format-2 model files) still read.
     */
    @Test
    void modelFilesAreCompressedAndPlainOnesStillRead() throws Exception {
        TrainingData data = TestData.featurized("phoneme.csv", "Class", Task.BINARY, 5404, false);
        Learner et = LearnerCatalog.load().find("tribuo.extra_trees").orElseThrow();
        FittedModel model = et.fit(data, et.space(Task.BINARY, data.target().size()).defaults(), 1);
        Predictions expected = model.predict(data.features().rows());

        var plain = new ByteArrayOutputStream();
        ModelBytes.write(model, plain);
        var packed = new ByteArrayOutputStream();
        ModelBytes.writeCompressed(model, packed);
        byte[] file = packed.toByteArray();

        assertEquals(GZIPInputStream.GZIP_MAGIC, (file[0] & 0xff) | (file[1] & 0xff) << 8, "a gzip stream");
        assertTrue(file.length * 3L < plain.size(), "compressed " + file.length + " bytes against " + plain.size());
        LearnerContractTest.assertPredictionsEqual(expected,
                ModelBytes.read(new ByteArrayInputStream(file)).predict(data.features().rows()));
        LearnerContractTest.assertPredictionsEqual(expected,
                ModelBytes.read(new ByteArrayInputStream(plain.toByteArray())).predict(data.features().rows()));
    }
}
