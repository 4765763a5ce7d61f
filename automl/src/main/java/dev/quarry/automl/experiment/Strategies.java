package dev.quarry.automl.experiment;

import dev.quarry.automl.config.AshaSpec;
import dev.quarry.automl.config.BanditPolicySpec;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.config.GpSamplerSpec;
import dev.quarry.automl.config.GridSamplerSpec;
import dev.quarry.automl.config.HyperbandSpec;
import dev.quarry.automl.config.MedianPolicySpec;
import dev.quarry.automl.config.NoPolicySpec;
import dev.quarry.automl.config.NoSchedulerSpec;
import dev.quarry.automl.config.RandomSamplerSpec;
import dev.quarry.automl.config.SearchConfig;
import dev.quarry.automl.config.SuccessiveHalvingSpec;
import dev.quarry.automl.config.TpeSamplerSpec;
import dev.quarry.automl.config.TruncationPolicySpec;
import dev.quarry.search.sampler.GpSampler;
import dev.quarry.search.sampler.GridSampler;
import dev.quarry.search.sampler.RandomSampler;
import dev.quarry.search.sampler.Sampler;
import dev.quarry.search.sampler.TpeSampler;
import dev.quarry.search.scheduler.Asha;
import dev.quarry.search.scheduler.BanditPolicy;
import dev.quarry.search.scheduler.Hyperband;
import dev.quarry.search.scheduler.MedianStoppingPolicy;
import dev.quarry.search.scheduler.ResourceLadder;
import dev.quarry.search.scheduler.Scheduler;
import dev.quarry.search.scheduler.StoppingPolicy;
import dev.quarry.search.scheduler.SuccessiveHalving;
import dev.quarry.search.scheduler.TruncationSelectionPolicy;

/** Builds the search components from the validated {@code search} config. Pure. */
public final class Strategies {

    private Strategies() {
    }

    /**
     * @param config a validated config
     * @return its sampler, scheduler and policy, seeded with the experiment seed
     */
    public static SearchStrategy of(ExperimentConfig config) {
        SearchConfig search = config.search();
        long seed = config.seed();
        Sampler sampler = switch (search.sampler()) {
            case RandomSamplerSpec r -> new RandomSampler(seed, r.defaultsFirst());
            case TpeSamplerSpec t -> new TpeSampler(seed, t.startupTrials(), t.candidates(), t.gamma(), t.warmStart(),
                    t.costAware(), t.multivariate());
            case GpSamplerSpec g -> new GpSampler(seed, g.startupTrials(), g.candidates(), g.costAware());
            case GridSamplerSpec g -> new GridSampler(g.pointsPerAxis());
        };
        Scheduler scheduler = switch (search.scheduler()) {
            case NoSchedulerSpec n -> null;
            case AshaSpec a -> new Asha(new ResourceLadder(a.minResource(), a.maxResource(), a.reductionFactor()));
            case HyperbandSpec h -> new Hyperband(new ResourceLadder(h.minResource(), h.maxResource(), h.reductionFactor()));
            case SuccessiveHalvingSpec s -> {
                var ladder = new ResourceLadder(s.minResource(), s.maxResource(), s.reductionFactor());
                yield s.bracketSize() == null ? SuccessiveHalving.of(ladder) : new SuccessiveHalving(ladder, s.bracketSize());
            }
        };
        StoppingPolicy policy = switch (search.policy()) {
            case NoPolicySpec n -> null;
            case BanditPolicySpec b -> new BanditPolicy(b.slackFactor() == null ? Double.NaN : b.slackFactor(),
                    b.slackAmount() == null ? Double.NaN : b.slackAmount(), b.evaluationInterval(), b.delayEvaluation());
            case MedianPolicySpec m -> new MedianStoppingPolicy(m.evaluationInterval(), m.delayEvaluation());
            case TruncationPolicySpec t -> new TruncationSelectionPolicy(t.truncationPercentage(), t.evaluationInterval(),
                    t.delayEvaluation());
        };
        return new SearchStrategy(sampler, scheduler, policy);
    }
}
