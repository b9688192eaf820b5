package net.overlay.core.proto.traversal;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one question of NAT discovery: either a decided value or the reason the tests
 * could not decide it (a single-address server, a test left unanswered, UDP blocked). Produced by
 * {@link NatDiscovery}; read by the device when it registers its NAT class and picks punching
 * strategies. Immutable.
 *
 * @param <T> what was asked (mapping, filtering, port allocation)
 */
public sealed interface Verdict<T> {

    /** The tests decided: {@code value}. */
    record Decided<T>(T value) implements Verdict<T> {
        public Decided {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The tests could not decide, because of {@code reason}. */
    record Undecided<T>(String reason) implements Verdict<T> {
        public Undecided {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Verdict<T> decided(T value) {
        return new Decided<>(value);
    }

    static <T> Verdict<T> undecided(String reason) {
        return new Undecided<>(reason);
    }

    /** The decided value, or empty when undecided. */
    default Optional<T> known() {
        return switch (this) {
            case Decided<T> d -> Optional.of(d.value());
            case Undecided<T> u -> Optional.empty();
        };
    }

    default boolean isDecided() {
        return this instanceof Decided<T>;
    }
}
