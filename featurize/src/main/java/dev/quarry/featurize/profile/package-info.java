/**
 * Column typing: what each raw column means (numeric, integer-coded categorical, categorical,
 * boolean, datetime, free text, identifier, constant), detected from the data and overridable. The
 * {@link dev.quarry.featurize.profile.Profiler} reads a columnar table once per column and decides
 * types without looking at the target, so a profile never leaks target information.
 */
package dev.quarry.featurize.profile;
