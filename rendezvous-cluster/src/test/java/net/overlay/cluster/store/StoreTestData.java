package net.overlay.cluster.store;

import java.util.Base64;
import net.overlay.core.proto.identity.Grant;

/** Small helpers shared by the store's tests. */
public final class StoreTestData {
    private StoreTestData() {}

    /** The base64 of {@code grant}'s wire encoding, as commands and the API carry it. */
    public static String base64(Grant grant) {
        return Base64.getEncoder().encodeToString(grant.encode());
    }
}
