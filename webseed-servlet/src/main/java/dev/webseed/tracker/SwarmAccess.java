package dev.webseed.tracker;

import java.util.Objects;

/**
 * What a {@link SwarmGate} answers for one swarm: {@link #ADMITTED}, {@link #UNREGISTERED} (this
 * server does not publish it: refused unless {@code trackerOpen}), or {@link Denied} with the
 * {@code failure reason} to send.
 */
public sealed interface SwarmAccess permits SwarmAccess.Admitted, SwarmAccess.Unregistered, SwarmAccess.Denied {
    SwarmAccess ADMITTED = new Admitted();
    SwarmAccess UNREGISTERED = new Unregistered();

    /** A published swarm the request may see. */
    record Admitted() implements SwarmAccess {
    }

    /** An info-hash this server does not publish. */
    record Unregistered() implements SwarmAccess {
    }

    /** A published swarm the request may not see; {@code reason} is sent as {@code failure reason}. */
    record Denied(String reason) implements SwarmAccess {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
