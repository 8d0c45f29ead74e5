package io.switchboard.cti;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** A customer in the built-in directory and an open ticket of theirs. */
public final class Customers {

    private Customers() {
    }

    public static void seed(AgroalDataSource db, String tenant, String id, String name, String phone, String ticketId)
            throws Exception {
        long now = System.currentTimeMillis() * 1000;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement del = c.prepareStatement("delete from customers where tenant = ? and id = ?")) {
                del.setString(1, tenant);
                del.setString(2, id);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into customers (tenant, id, name, segment, vip, "
                    + "account_id, phone, language, notes, extra, updated_us) values (?, ?, ?, 'retail', true, ?, ?, "
                    + "'en', 'prefers mornings', null, ?)")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                ps.setString(3, name);
                ps.setString(4, "A-" + id);
                ps.setString(5, phone);
                ps.setLong(6, now);
                ps.executeUpdate();
            }
            try (PreparedStatement del = c.prepareStatement("delete from tickets where id = ?")) {
                del.setString(1, ticketId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into tickets (id, tenant, caller_number, customer_id, "
                    + "call_id, subject, status, created_at, updated_at) values (?, ?, ?, ?, null, 'Card replaced', "
                    + "'open', ?, ?)")) {
                ps.setString(1, ticketId);
                ps.setString(2, tenant);
                ps.setString(3, phone);
                ps.setString(4, id);
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.executeUpdate();
            }
        }
    }
}
