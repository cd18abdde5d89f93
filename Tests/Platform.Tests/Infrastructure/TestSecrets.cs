namespace Platform.Tests.Infrastructure;

/// <summary>Secrets every platform the tests start is configured with (generated per run, never logged).</summary>
public static class TestSecrets
{
    public static readonly string AdminKey = "adm_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public static readonly string ApiKeyHashKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
