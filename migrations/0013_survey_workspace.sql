-- Reserved; filled in by its feature (a migration with no statements is a no-op).
select 1;
