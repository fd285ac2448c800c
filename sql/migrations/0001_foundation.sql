-- The foundation. Roles are made by the operator (see README.md):
-- portal_owner owns the schema and runs migrations; portal_app, the
-- application, gets only the privileges each table grants it.

-- The application may never create objects.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Append-only tables raise this from their UPDATE/DELETE triggers, so that
-- even a role with the privilege cannot rewrite history.
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
	    USING ERRCODE = 'insufficient_privilege';
END;
$$;
