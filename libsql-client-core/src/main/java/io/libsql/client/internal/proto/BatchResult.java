package io.libsql.client.internal.proto;

import java.util.List;

/**
 * The outcome of a batch: for step i, {@code stepResults.get(i)} is its result or null, and
 * {@code stepErrors.get(i)} its error or null (both null if the step did not run).
 */
public record BatchResult(List<StmtResult> stepResults, List<HranaError> stepErrors) {}
