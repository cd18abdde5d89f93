using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Tenancy.Tenants;

/// <summary>Recognises PostgreSQL's unique-violation (23505) behind EF's exception, with the constraint it hit.</summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException exception, out string? constraint)
    {
        constraint = (exception.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation } pg ? pg.ConstraintName ?? "" : null;
        return constraint is not null;
    }
}
