package net.overlay.core.spi.cc;

/**
 * Creates controllers of one algorithm. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/net.overlay.core.spi.cc.CongestionControlFactory} file in the jar)
 * or named by class in a scenario file, so a researcher's jar on the class path is all it takes.
 * Must have a public no-argument constructor.
 */
public interface CongestionControlFactory {

    /** Short unique name used on the command line and in scenario files, e.g. {@code cubic}. */
    String name();

    /** One line for {@code ./overlay cc list}. */
    String description();

    /** A new sender-side controller for one session. */
    CongestionControl create(CongestionConfig config);

    /** The receiver-side hook for receiver-driven algorithms, or null (the default) for none. */
    default ReceiverHook createReceiverHook(CongestionConfig config) {
        return null;
    }
}
