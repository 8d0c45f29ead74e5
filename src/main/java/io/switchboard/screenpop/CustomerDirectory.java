package io.switchboard.screenpop;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Looks up the customer behind a call. Never blocks the caller: the answer comes as a stage,
 * empty when the directory has no such customer and failed when it could not tell.
 */
public interface CustomerDirectory extends AutoCloseable {

    CompletionStage<Optional<Customer>> find(CustomerQuery query);

    @Override
    default void close() {
    }
}
