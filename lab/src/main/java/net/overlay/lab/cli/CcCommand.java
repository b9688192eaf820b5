package net.overlay.lab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./overlay cc list}: the congestion controllers on the class path, shipped ones and any a
 * researcher's jar adds through {@code OVERLAY_CLASSPATH}. Looks them up through the thread's
 * context class loader (the application class loader when run from the launcher).
 */
@Command(
        name = "cc",
        description = "Congestion controllers: list those found on the class path.",
        subcommands = {CcCommand.ListControllers.class})
final class CcCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "Name and description of every controller on the class path "
            + "(add a jar with OVERLAY_CLASSPATH=path/to.jar).")
    static final class ListControllers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-v", "--verbose"}, description = "Also show each factory's class and where it was loaded from.")
        boolean verbose;

        @Override
        public Integer call() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            List<CongestionControlFactory> factories = CongestionControls.available(
                    loader != null ? loader : CcCommand.class.getClassLoader());
            PrintWriter out = spec.commandLine().getOut();
            int width = factories.stream().mapToInt(f -> f.name().length()).max().orElse(4);
            for (CongestionControlFactory f : factories) {
                out.printf("%-" + width + "s  %s%n", f.name(), f.description());
                if (verbose) {
                    var source = f.getClass().getProtectionDomain().getCodeSource();
                    out.printf("%-" + width + "s    %s%s%n", "", f.getClass().getName(),
                            source == null || source.getLocation() == null ? "" : " from " + source.getLocation());
                }
            }
            out.flush();
            return 0;
        }
    }
}
