package dev.webseed.paygate;

import java.util.Objects;

/**
 * The paygate state several servers share (the webseed-redis module provides it): byte
 * budgets, revocations and the grace memory. Keys are not shared: each server re-reads its key
 * files.
 */
public record SharedPaygate(BudgetReserver budgets, SharedRevocations revocations, GraceMemory grace) {
    public SharedPaygate {
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(grace, "grace");
    }
}
