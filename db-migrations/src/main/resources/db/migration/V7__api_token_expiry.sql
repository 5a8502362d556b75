-- An optional end to an API token's life: past it, calls with the token are refused as with a revoked one.
alter table api_tokens add column expires_at timestamptz;
