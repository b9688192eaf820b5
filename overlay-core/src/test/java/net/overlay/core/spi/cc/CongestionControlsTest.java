package net.overlay.core.spi.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CongestionControlsTest {
    private static final ClassLoader LOADER = CongestionControlsTest.class.getClassLoader();
    private static final CongestionConfig CONFIG = CongestionConfig.defaults(1200, 7);

    @Test
    void listsEveryShippedControllerSortedByName() {
        assertThat(CongestionControls.available(LOADER)).extracting(CongestionControlFactory::name)
                .containsExactly("bbr", "cubic", "ledbat", "newreno", "sprout", "sprout-ewma", "vegas");
    }

    @Test
    void everyShippedControllerIsCreatableAndNamedAfterItsFactory() {
        for (CongestionControlFactory f : CongestionControls.available(LOADER)) {
            CongestionControl cc = f.create(CONFIG);
            assertThat(cc.name()).isEqualTo(f.name());
            assertThat(cc.congestionWindowBytes()).isEqualTo(CONFIG.initialWindowBytes());
            assertThat(f.description()).isNotBlank();
        }
        assertThat(CongestionControls.find("sprout", LOADER).createReceiverHook(CONFIG)).isNotNull();
        assertThat(CongestionControls.find("cubic", LOADER).createReceiverHook(CONFIG)).isNull();
    }

    @Test
    void findsByShortNameAndByFactoryClassName() {
        assertThat(CongestionControls.find("cubic", LOADER).name()).isEqualTo("cubic");
        var byClass = CongestionControls.find("net.overlay.core.proto.transport.cc.Bbr$Factory", LOADER);
        assertThat(byClass.create(CONFIG).name()).isEqualTo("bbr");
    }

    @Test
    void findsAControllerClassWithAConfigConstructor() {
        var f = CongestionControls.find("net.overlay.core.proto.transport.cc.NewReno", LOADER);
        assertThat(f.name()).isEqualTo("net.overlay.core.proto.transport.cc.NewReno");
        assertThat(f.create(CONFIG).name()).isEqualTo("newreno");
    }

    @Test
    void anUnknownNameListsTheAvailableOnes() {
        assertThatThrownBy(() -> CongestionControls.find("reno2", LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reno2'")
                .hasMessageContaining("bbr, cubic, ledbat, newreno, sprout, sprout-ewma, vegas");
        assertThatThrownBy(() -> CongestionControls.find("org.example.Missing", LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such class");
    }

    @Test
    void aClassThatIsNoControllerIsRefusedClearly() {
        assertThatThrownBy(() -> CongestionControls.find("java.lang.String", LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a CongestionControlFactory nor a CongestionControl");
    }

    /** Claims a shipped name: the registry must refuse to guess which one is meant. */
    public static final class AnotherCubic implements CongestionControlFactory {
        @Override
        public String name() {
            return "cubic";
        }

        @Override
        public String description() {
            return "an impostor";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void twoFactoriesWithOneNameAreReportedWithBothClasses(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + CongestionControlFactory.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, AnotherCubic.class.getName() + "\n");
        try (var loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
            assertThatThrownBy(() -> CongestionControls.available(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("two congestion controllers are named 'cubic'")
                    .hasMessageContaining("Cubic$Factory")
                    .hasMessageContaining("AnotherCubic");
        }
    }

    @Test
    void aBrokenServicesEntryIsReportedNotThrownRaw(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + CongestionControlFactory.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "org.example.DoesNotExist\n");
        try (var loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
            assertThatThrownBy(() -> CongestionControls.available(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be loaded")
                    .hasMessageContaining("org.example.DoesNotExist");
        }
    }
}
