package dev.quarry.automl.config;

import static dev.quarry.automl.config.ConfigFixtures.MINIMAL;
import static dev.quarry.automl.config.ConfigFixtures.yamlError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code search}: samplers, schedulers and policies with their defaults and validation messages. */
class SearchConfigTest {

    private static ExperimentConfig yaml(String search) {
        return ConfigFixtures.yaml(MINIMAL + "search: " + search + "\n", Path.of("/base"));
    }

    private static ConfigException error(String search) {
        return yamlError(MINIMAL + "search: " + search + "\n");
    }

    @Test
    void schedulersAndPoliciesReadWithDocumentedDefaults() {
        var c = yaml("{sampler: {type: gp}, scheduler: {type: asha}, policy: {type: bandit}}").search();
        assertEquals(new GpSamplerSpec(10, 256, true), c.sampler());
        assertEquals(new AshaSpec(0.1, 1.0, 3.0, SchedulerSpec.ResourceKind.AUTO), c.scheduler());
        assertEquals(new BanditPolicySpec(0.1, null, 1, 0), c.policy());
        var h = yaml("{scheduler: {type: hyperband, minResource: 0.05, reductionFactor: 2, resource: rows}, "
                + "policy: {type: median, delayEvaluation: 2}}").search();
        assertEquals(new HyperbandSpec(0.05, 1.0, 2.0, SchedulerSpec.ResourceKind.ROWS), h.scheduler());
        assertEquals(new MedianPolicySpec(1, 2), h.policy());
        var s = yaml("{sampler: {type: grid, pointsPerAxis: 4}, scheduler: {type: successive_halving, bracketSize: 9}, "
                + "policy: {type: truncation}}").search();
        assertEquals(new GridSamplerSpec(4), s.sampler());
        assertEquals(new SuccessiveHalvingSpec(0.1, 1.0, 3.0, SchedulerSpec.ResourceKind.AUTO, 9), s.scheduler());
        assertEquals(new TruncationPolicySpec(20, 1, 0), s.policy());
        var none = yaml("{sampler: {type: random}}").search();
        assertEquals(new NoSchedulerSpec(), none.scheduler());
        assertEquals(new NoPolicySpec(), none.policy());
    }

    @Test
    void badValuesNameTheirPathAndRule() {
        var factor = error("{scheduler: {type: asha, reductionFactor: 1}}");
        assertEquals("$.search.scheduler.reductionFactor", factor.path());
        assertTrue(factor.getMessage().contains("`reductionFactor > 1` must hold, got 1.0"), factor.getMessage());
        assertEquals("$.search.scheduler.minResource", error("{scheduler: {type: asha, minResource: 0}}").path());
        assertEquals("$.search.scheduler.maxResource",
                error("{scheduler: {type: hyperband, minResource: 0.5, maxResource: 0.2}}").path());
        var both = error("{scheduler: {type: asha}, policy: {type: bandit, slackFactor: 0.1, slackAmount: 0.2}}");
        assertEquals("$.search.policy.slackAmount", both.path());
        assertEquals("$.search.policy.truncationPercentage",
                error("{scheduler: {type: asha}, policy: {type: truncation, truncationPercentage: 100}}").path());
        var lonely = error("{policy: {type: median}}");
        assertEquals("$.search.policy", lonely.path());
        assertTrue(lonely.getMessage().contains("needs a scheduler"), lonely.getMessage());
        var typo = error("{scheduler: {type: asha, reductionFactr: 3}}");
        assertTrue(typo.getMessage().contains("did you mean reductionFactor?"), typo.getMessage());
        assertEquals("$.search.sampler.pointsPerAxis", error("{sampler: {type: grid, pointsPerAxis: 0}}").path());
    }
}
