package net.overlay.core.spi.cc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registry of congestion controllers: what {@code ./overlay cc list} prints and what the
 * transport and the lab resolve a {@code --cc NAME} or a scenario's {@code "cc"} field with.
 *
 * <p>A name resolves in this order: the short {@link CongestionControlFactory#name()} of a
 * factory registered for {@link ServiceLoader} (a {@code META-INF/services} file in any jar of the
 * class loader); else, if it looks like a class name, that class: a
 * {@link CongestionControlFactory} with a public no-argument constructor, or a
 * {@link CongestionControl} with a public constructor taking a {@link CongestionConfig} (wrapped
 * in a factory named after the class, without a receiver hook). Stateless and thread-safe; each
 * call scans the class loader afresh, so a jar added to a new loader is seen at once.
 */
public final class CongestionControls {
    private CongestionControls() {}

    /**
     * The factories registered in {@code loader}, sorted by name.
     *
     * @throws IllegalStateException when two factories claim one name, or a registered provider
     *     cannot be loaded; the message names the classes involved
     */
    public static List<CongestionControlFactory> available(ClassLoader loader) {
        Map<String, CongestionControlFactory> byName = new HashMap<>();
        List<CongestionControlFactory> all = new ArrayList<>();
        try {
            for (CongestionControlFactory f : ServiceLoader.load(CongestionControlFactory.class, loader)) {
                CongestionControlFactory other = byName.putIfAbsent(f.name(), f);
                if (other != null) {
                    throw new IllegalStateException("two congestion controllers are named '" + f.name() + "': "
                            + describe(other.getClass()) + " and " + describe(f.getClass())
                            + "; rename one (CongestionControlFactory.name())");
                }
                all.add(f);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a congestion controller on the class path cannot be loaded: " + e.getMessage(), e);
        }
        all.sort(Comparator.comparing(CongestionControlFactory::name));
        return List.copyOf(all);
    }

    /**
     * The factory for a short name ({@code cubic}) or a fully qualified class name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the names available
     */
    public static CongestionControlFactory find(String nameOrClassName, ClassLoader loader) {
        List<CongestionControlFactory> factories = available(loader);
        for (CongestionControlFactory f : factories) {
            if (f.name().equals(nameOrClassName)) {
                return f;
            }
        }
        if (nameOrClassName.contains(".")) {
            Class<?> type;
            try {
                type = Class.forName(nameOrClassName, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw unknown(nameOrClassName, factories, " (no such class: " + e.getMessage() + ")");
            }
            return fromClass(type);
        }
        throw unknown(nameOrClassName, factories, "");
    }

    private static CongestionControlFactory fromClass(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " must be a public concrete class");
        }
        try {
            if (CongestionControlFactory.class.isAssignableFrom(type)) {
                return (CongestionControlFactory) type.getConstructor().newInstance();
            }
            if (CongestionControl.class.isAssignableFrom(type)) {
                return new ClassFactory(type.asSubclass(CongestionControl.class).getConstructor(CongestionConfig.class));
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public constructor: no arguments for a "
                    + "CongestionControlFactory, (CongestionConfig) for a CongestionControl", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + type.getName() + ": " + rootMessage(e), e);
        }
        throw new IllegalArgumentException(type.getName()
                + " is neither a CongestionControlFactory nor a CongestionControl");
    }

    private static IllegalArgumentException unknown(String name, List<CongestionControlFactory> factories, String why) {
        List<String> names = factories.stream().map(CongestionControlFactory::name).toList();
        return new IllegalArgumentException("unknown congestion controller '" + name + "'" + why + "; available: "
                + String.join(", ", names) + ", or the class name of a CongestionControlFactory or CongestionControl");
    }

    private static String describe(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return type.getName() + (source == null || source.getLocation() == null ? "" : " (" + source.getLocation() + ")");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** A controller class named directly: its constructor is the factory. */
    private record ClassFactory(Constructor<? extends CongestionControl> constructor) implements CongestionControlFactory {
        @Override
        public String name() {
            return constructor.getDeclaringClass().getName();
        }

        @Override
        public String description() {
            return "controller class " + constructor.getDeclaringClass().getName();
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            try {
                return constructor.newInstance(config);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("cannot create " + name() + ": " + rootMessage(e), e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + name() + ": " + rootMessage(e), e);
            }
        }
    }
}
