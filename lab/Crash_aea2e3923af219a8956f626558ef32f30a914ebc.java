import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_aea2e3923af219a8956f626558ef32f30a914ebc {
    static final String base64Bytes = String.join("", "RlVaWg==");

    public static void main(String[] args) throws Throwable {
        Crash_aea2e3923af219a8956f626558ef32f30a914ebc.class.getClassLoader().setDefaultAssertionStatus(true);
        try {
            Method fuzzerInitialize = net.overlay.lab.fuzz.BrokenTarget.class.getMethod("fuzzerInitialize");
            fuzzerInitialize.invoke(null);
        } catch (NoSuchMethodException ignored) {
            try {
                Method fuzzerInitialize = net.overlay.lab.fuzz.BrokenTarget.class.getMethod("fuzzerInitialize", String[].class);
                fuzzerInitialize.invoke(null, (Object) args);
            } catch (NoSuchMethodException ignored1) {
            } catch (IllegalAccessException | InvocationTargetException e) {
                e.printStackTrace();
                System.exit(1);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            e.printStackTrace();
            System.exit(1);
        }
        byte[] input = java.util.Base64.getDecoder().decode(base64Bytes);
        net.overlay.lab.fuzz.BrokenTarget.fuzzerTestOneInput(input);
    }
}