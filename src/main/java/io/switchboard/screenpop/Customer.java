package io.switchboard.screenpop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer as a directory knows it.
 *
 * @param extra further fields the directory keeps, shown as they are (entries without a value are left out)
 */
public record Customer(String id, String name, String segment, boolean vip, String accountId, String language,
                       String notes, Map<String, String> extra) {

    public Customer {
        Map<String, String> kept = new LinkedHashMap<>();
        if (extra != null) {
            extra.forEach((k, v) -> {
                if (k != null && v != null) {
                    kept.put(k, v);
                }
            });
        }
        extra = Collections.unmodifiableMap(kept);
    }
}
