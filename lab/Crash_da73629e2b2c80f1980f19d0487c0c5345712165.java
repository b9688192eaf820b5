import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_da73629e2b2c80f1980f19d0487c0c5345712165 {
    static final String base64Bytes = String.join("", "RlVaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWloxKA==");

    public static void main(String[] args) throws Throwable {
        Crash_da73629e2b2c80f1980f19d0487c0c5345712165.class.getClassLoader().setDefaultAssertionStatus(true);
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