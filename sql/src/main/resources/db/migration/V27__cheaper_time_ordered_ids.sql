-- heron_uuid_v7() (V17) took its random bits from gen_random_uuid(), PostgreSQL's strong random
-- source: about 4 µs a call on the development machine, 7 µs for the whole id, and a plan writes
-- two ids per recipient (id, message_id) — 14 s of a million-recipient plan; an import one per
-- new contact. The same layout (RFC 9562 UUIDv7: 48 bits of Unix milliseconds, version 7, variant
-- 10, 74 random bits) now takes its random bits from random(), the connection's xoroshiro128**
-- generator, seeded from the strong source when the connection first uses it: 0.3 µs an id. Its
-- output can be predicted by whoever sees enough of it; that is acceptable because an id is
-- never a secret or the only check (tracking links and unsubscribe tokens are signed). The ids
-- stay time-ordered, so the indexes on them keep filling page by page.
CREATE OR REPLACE FUNCTION heron_uuid_v7() RETURNS uuid
    LANGUAGE sql VOLATILE PARALLEL SAFE
AS $$
    SELECT encode(
        substring(int8send((date_part('epoch', clock_timestamp()) * 1000)::bigint) FROM 3)
        || int2send((28672 | floor(random() * 4096)::integer)::smallint)
        || int8send((-9223372036854775808)::bigint
                    | (floor(random() * 2147483648)::bigint << 31)
                    | floor(random() * 2147483648)::bigint),
        'hex')::uuid
$$;
