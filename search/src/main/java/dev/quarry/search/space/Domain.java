package dev.quarry.search.space;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.SplittableRandom;

/**
 * The set of values one hyperparameter may take. Values are {@link Integer} for {@link IntDomain},
 * {@link Double} for {@link FloatDomain} and {@link String} for {@link CategoricalDomain}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = IntDomain.class, name = "int"),
    @JsonSubTypes.Type(value = FloatDomain.class, name = "float"),
    @JsonSubTypes.Type(value = CategoricalDomain.class, name = "categorical")
})
public sealed interface Domain permits IntDomain, FloatDomain, CategoricalDomain {

    /**
     * Draws a value uniformly (uniform in log space for log-scaled domains).
     *
     * @param rng the source of randomness; not shared across threads
     * @return a value inside this domain
     */
    Object sample(SplittableRandom rng);

    /**
     * Checks and normalises a value given by a user or read back from the run history, e.g. a JSON
     * number {@code 3} for a float domain becomes {@code 3.0}.
     *
     * @param value the candidate value
     * @return the value as this domain's Java type
     * @throws IllegalArgumentException if the value is of the wrong type or outside the domain;
     *     the message states what was expected
     */
    Object coerce(Object value);

    /**
     * Maps a value to [0, 1] (log scale where declared), for samplers that model the space
     * numerically. Categorical values map to their index over (size - 1).
     *
     * @param value a value of this domain
     * @return its position in [0, 1]
     */
    double toUnit(Object value);

    /**
     * The inverse of {@link #toUnit(Object)}, rounding to the nearest valid value.
     *
     * @param unit a position in [0, 1]; values outside are clamped
     * @return the value at that position
     */
    Object fromUnit(double unit);

    /**
     * @return how many distinct values this domain holds, or -1 when it is continuous (a float domain
     *     of more than one value)
     */
    long size();
}
