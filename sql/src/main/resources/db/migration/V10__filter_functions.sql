-- Conversions used by compiled audience filters on free-form contact attributes. An attribute that
-- does not hold a number or a time reads as NULL (the condition is then false), never as an error:
-- one odd value in one contact must not fail a whole audience query.

-- A decimal number written in the usual way, with an exponent of at most three digits.
CREATE FUNCTION heron_as_numeric(value text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN value ~ '^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]{1,3})?\s*$'
            THEN value::numeric
    END
$$;

-- A date or a date and time that starts like ISO 8601 (words such as 'now' or 'epoch' are not
-- times here); anything PostgreSQL cannot read is NULL.
CREATE FUNCTION heron_as_timestamptz(value text) RETURNS timestamptz
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    IF value IS NULL OR value !~ '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN
        RETURN NULL;
    END IF;
    RETURN value::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;
