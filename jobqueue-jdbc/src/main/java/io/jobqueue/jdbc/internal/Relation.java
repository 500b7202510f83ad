package io.jobqueue.jdbc.internal;

/**
 * What a queue's table name resolves to in the database, from its catalog.
 *
 * @param exists  whether anything of that name is found
 * @param schema  the schema (or database) of the table, when it is a plain application table
 * @param problem why it cannot be a queue table (a system catalog, a view, …); null when it can
 */
public record Relation(boolean exists, String schema, String problem) {

    /** Nothing of that name. */
    public static final Relation MISSING = new Relation(false, null, null);

    /** A plain table in an application schema. */
    static Relation table(String schema) {
        return new Relation(true, schema, null);
    }

    /** Something that can never be a queue's table. */
    static Relation foreign(String problem) {
        return new Relation(true, null, problem);
    }
}
