using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Web.Tests.Oidc;

/// <summary>
/// The throw-away certificate for HTTPS on loopback: the identity provider and the portal serve it, and the test process
/// trusts it as an operator's machine trusts its own CA — through <c>SSL_CERT_FILE</c>, which test.sh points at
/// <see cref="Path"/> before the tests start, with no code in the portal to trust it. The certificate is made here, once,
/// before anything in the process makes an HTTPS connection (OpenSSL reads the file at the first one).
/// </summary>
public static class LoopbackCertificate
{
    /// <summary>Where the certificate is expected: <c>SSL_CERT_FILE</c>.</summary>
    public static string? Path => Environment.GetEnvironmentVariable("SSL_CERT_FILE");

    private static readonly Lazy<X509Certificate2> Certificate = new(Load);

    /// <summary>The certificate with its private key, for Kestrel.</summary>
    public static X509Certificate2 WithKey => Certificate.Value;

    /// <summary>Makes the certificate and its key (beside it, as PKCS#12) unless a process before this one did.</summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void MakeBeforeAnyConnection()
    {
        // A file already at the path without the key beside it is not this certificate (a machine may set SSL_CERT_FILE
        // to its own CA bundle): it is left alone, and HTTPS on loopback says why it cannot start (Load).
        if (Path is { Length: > 0 } path && !File.Exists(KeyPath(path)) && !File.Exists(path))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            File.WriteAllBytes(KeyPath(path), made.Export(X509ContentType.Pfx));
            File.WriteAllText(path, made.ExportCertificatePem());
        }
    }

    private static string KeyPath(string path) => path + ".pfx";

    private static X509Certificate2 Load() =>
        Path is { Length: > 0 } path && File.Exists(KeyPath(path))
            ? X509CertificateLoader.LoadPkcs12FromFile(KeyPath(path), null)
            : throw new InvalidOperationException(
                "HTTPS on loopback needs SSL_CERT_FILE set to a path for the tests' throw-away certificate (./test.sh sets it), " +
                $"not to a file the tests did not make (it is '{Path}'). Run: SSL_CERT_FILE=/tmp/portal-loopback/loopback.pem dotnet test … after building.");
}
