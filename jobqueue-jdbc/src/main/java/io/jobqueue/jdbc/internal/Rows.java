package io.jobqueue.jdbc.internal;

import io.jobqueue.Message;
import io.jobqueue.spi.Headers;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads messages from result sets whose first columns are {@link Sql#MESSAGE_COLUMNS}. */
final class Rows {

    private Rows() {
    }

    /** The message of the current row, without a token (as peek and the failed store show it). */
    static Message message(ResultSet rs) throws SQLException {
        return new Message(Long.toString(rs.getLong(1)), rs.getString(2), Headers.decode(rs.getString(3)), rs.getInt(4),
                rs.getInt(5), "");
    }

    /** The claimed row of the current row, whose columns are {@link Sql#MESSAGE_COLUMNS} and then the epoch. */
    static ClaimedRow claimed(ResultSet rs) throws SQLException {
        return new ClaimedRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getLong(6));
    }
}
