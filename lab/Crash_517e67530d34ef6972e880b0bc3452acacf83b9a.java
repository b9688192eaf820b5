import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_517e67530d34ef6972e880b0bc3452acacf83b9a {
    static final String base64Bytes = String.join("", "RlVaWgAAAMbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsYA");

    public static void main(String[] args) throws Throwable {
        Crash_517e67530d34ef6972e880b0bc3452acacf83b9a.class.getClassLoader().setDefaultAssertionStatus(true);
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