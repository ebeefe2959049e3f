using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Data;
using Portal.Core.DemoData;
using Portal.Core.Imports;
using Portal.Data.PostgreSql;
using Portal.Data.Sqlite;

/// <summary>Usage: dotnet run -c Release --project tests/Portal.Benchmarks -- import [--postgresql]|queue [--postgresql] [--requests N]|claims [--postgresql] [--people N]|notices|load|ladder [--postgresql]|texts [--texts N]|oversight [--postgresql] [--pack-to FILE] [--runs N]|scale [--sizes 47000,150000,300000] [--requests N]</summary>
internal static class Benchmarks
{
    public static async Task<int> Main(string[] args)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).DefaultIfEmpty(3).First();
        if (args.Contains("help") || args.Length == 0)
        {
            Console.WriteLine("dotnet run -c Release --project tests/Portal.Benchmarks -- import [--postgresql]|queue [--postgresql] [--requests N]|claims [--postgresql] [--people N]|notices|load|ladder [--postgresql]|texts [--texts N]|oversight [--postgresql] [--pack-to FILE] [--runs N]|scale [--sizes 47000,150000,300000] [--requests N]");
            return args.Length == 0 ? 2 : 0;
        }

        return args[0] switch
        {
            "queue" => await QueueBenchmark.RunAsync(args),
            "claims" => await ClaimsBenchmark.RunAsync(args),
            "scale" => await ScaleBenchmark.RunAsync(args),
            "notices" => await NoticeBenchmark.RunAsync(args),
            "load" => await LoadBenchmark.RunAsync(args),
            "ladder" => await LadderBenchmark.RunDueAsync(args),
            "texts" => await LadderBenchmark.RunTextsAsync(args),
            "oversight" => await OversightBenchmark.RunAsync(args),
            "import-memory" => ImportBenchmark.MeasureMemory(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture)),
            "import" when args.Contains("--postgresql") => PostgreSqlImportBenchmark.Run(runs),
            _ => await ImportBenchmark.RunAsync(runs),
        };
    }
}

/// <summary>
/// The personnel import and the first-start seed, against the sqlite3 command-line <c>.import</c> of the same
/// 47,000-row file into an equivalent table: the fastest way there is to load that file into SQLite.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(int runs)
    {
        if (FindOnPath("sqlite3") is null)
        {
            Console.Error.WriteLine("The baseline needs the sqlite3 command-line shell: apt-get install sqlite3");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("portal-bench-").FullName;
        try
        {
            var personnel = WorkforceFiles.WriteAll(WorkforceGenerator.Generate(), Path.Combine(work, "files"));
            Console.WriteLine($"Personnel extract: {WorkforceGenerator.DefaultSize:N0} rows, {new FileInfo(personnel).Length / 1024.0 / 1024.0:F1} MiB; best of {runs} runs, after one warm-up");

            var baseline = Best(runs + 1, i => SqliteShellImport(personnel, Path.Combine(work, $"baseline{i}.db")));
            var import = Best(runs + 1, i => EngineImport(personnel, Path.Combine(work, $"engine{i}.db"), reimport: false));
            var reimport = Best(runs + 1, i => EngineImport(personnel, Path.Combine(work, $"again{i}.db"), reimport: true));
            var seed = Best(runs + 1, i => FirstStartSeed(Path.Combine(work, $"seed{i}")));
            var deliveries = Best(runs + 1, i => WriteDeliveries(Path.Combine(work, $"seed{i}")));

            Console.WriteLine();
            Console.WriteLine("| what | time | ratio to sqlite3 .import |");
            Console.WriteLine("| --- | ---: | ---: |");
            Row("sqlite3 .import (baseline)", baseline, baseline);
            Row("engine import, empty database", import, baseline);
            Row("engine re-import, no change", reimport, baseline);
            Row("first-start seed (migrate, generate, import personnel + 2 manifests)", seed, baseline);
            Row("delivery rows for a campaign to everyone active (one INSERT … SELECT)", deliveries, baseline);
            Console.WriteLine();
            Console.WriteLine($"Peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");

            // Memory against the size of the file: the engine streams rows into a staging table in SQLite's temporary
            // file and compares them with what is held in SQL, keeping no row in memory, so neither the managed heap nor
            // the process's peak resident memory (which includes SQLite's page caches) should grow with the file. Each
            // size is measured in a fresh process, so one cannot inherit memory another made the runtime reserve.
            Console.WriteLine();
            Console.WriteLine("Memory, each file in a fresh process: importing into an empty database, then re-importing the same file (no change)");
            Console.WriteLine();
            Console.WriteLine("| file | size | import: peak managed heap above the start | import: peak resident memory of the process | re-import: peak managed heap | re-import: peak resident memory |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var size in new[] { WorkforceGenerator.DefaultSize, WorkforceGenerator.DefaultSize * 4 })
            {
                var file = size == WorkforceGenerator.DefaultSize ? personnel : WorkforceFiles.WriteAll(WorkforceGenerator.Generate(size), Path.Combine(work, $"files{size}"));
                var figures = MemoryInFreshProcess(file, Path.Combine(work, $"memory{size}.db"), size);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} rows | {Mib(new FileInfo(file).Length)} | {string.Join(" | ", figures.Select(Mib))} |"));
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    internal static void Row(string what, TimeSpan time, TimeSpan baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {time.TotalMilliseconds:F0} ms | {time / baseline:F2}× |"));

    internal static TimeSpan Best(int runs, Func<int, TimeSpan> run) =>
        Enumerable.Range(0, runs).Select(run).Skip(1).Min();

    private static TimeSpan SqliteShellImport(string csv, string database)
    {
        // The same columns, keys and indexes as the people table, all text as the CSV is.
        const string schema = "CREATE TABLE people (pay_number TEXT NOT NULL, given_name TEXT NOT NULL, family_name TEXT NOT NULL, personnel_type TEXT NOT NULL, " +
            "rank_or_grade TEXT NOT NULL, unit TEXT NOT NULL, work_location TEXT NOT NULL, vetting_level TEXT NOT NULL, email TEXT NOT NULL, " +
            "sensitive_role TEXT NOT NULL, status TEXT NOT NULL); CREATE UNIQUE INDEX ix_people_pay_number ON people (pay_number); " +
            "CREATE INDEX ix_people_email ON people (email); CREATE INDEX ix_people_family_name ON people (family_name);";
        Run("sqlite3", database, schema);
        var stopwatch = Stopwatch.StartNew();
        Run("sqlite3", database, ".mode csv", $".import --skip 1 '{csv}' people");
        return stopwatch.Elapsed;
    }

    private static TimeSpan EngineImport(string csv, string database, bool reimport)
    {
        using var db = Context(database);
        return EngineImport(db, csv, reimport);
    }

    /// <summary>Migrates the database, imports the file once first for a re-import, and times the import.</summary>
    internal static TimeSpan EngineImport(PortalDbContext db, string csv, bool reimport)
    {
        db.Database.Migrate();
        if (reimport)
        {
            Import(db, csv);
        }

        var stopwatch = Stopwatch.StartNew();
        var report = Import(db, csv);
        var elapsed = stopwatch.Elapsed;
        if (!report.Applied || (reimport && report.Unchanged != WorkforceGenerator.DefaultSize))
        {
            throw new InvalidOperationException("The import did not do what the benchmark expects.");
        }

        return elapsed;
    }

    private static void EngineImportOnce(string csv, string database, int rows)
    {
        using var db = Context(database);
        db.Database.Migrate();
        var report = Import(db, csv);
        if (!report.Applied || report.Rows != rows)
        {
            throw new InvalidOperationException("The import did not do what the benchmark expects.");
        }
    }

    /// <summary>Runs <see cref="MeasureMemory"/> in a child process: peak heap and peak resident memory, for the import and then the re-import.</summary>
    private static long[] MemoryInFreshProcess(string csv, string database, int rows)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ImportBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "import-memory", csv, database, rows.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The memory measurement failed: {output}");
        }

        return [.. output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => long.Parse(n, CultureInfo.InvariantCulture))];
    }

    /// <summary>In this process: imports the file into an empty database, then again; prints each one's peak heap and the process's peak resident memory.</summary>
    public static int MeasureMemory(string csv, string database, int rows)
    {
        var first = PeakHeapDuring(() => EngineImportOnce(csv, database, rows));
        var firstResident = PeakResident();
        var again = PeakHeapDuring(() => EngineImportOnce(csv, database, rows));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {firstResident} {again} {PeakResident()}"));
        return 0;
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MiB");

    /// <summary>The managed heap's peak above where it started after a full collection (sampled every 2 ms, so it includes garbage not yet collected).</summary>
    private static long PeakHeapDuring(Action work)
    {
        var start = GC.GetTotalMemory(forceFullCollection: true);
        long peak = start;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(2))
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
            }
        });
        sampler.Start();
        work();
        done.Set();
        sampler.Join();
        return Math.Max(peak, GC.GetTotalMemory(false)) - start;
    }

    /// <summary>The process's peak resident memory so far (VmHWM in /proc/self/status): managed heap, runtime, and SQLite's native memory.</summary>
    private static long PeakResident() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).Single();

    private static ImportReport Import(PortalDbContext db, string csv)
    {
        using var file = File.OpenRead(csv);
        return new PersonnelImporter(db, TimeProvider.System).ImportAsync(file).GetAwaiter().GetResult();
    }

    private static TimeSpan FirstStartSeed(string directory)
    {
        var stopwatch = Stopwatch.StartNew();
        using var db = Context(Path.Combine(Directory.CreateDirectory(directory).FullName, "portal.db"));
        db.Database.Migrate();
        var seeder = new DemoWorkforceSeeder(db, new PersonnelImporter(db, TimeProvider.System), new ManifestImporter(db, TimeProvider.System),
            TimeProvider.System, NullLogger<DemoWorkforceSeeder>.Instance);
        seeder.SeedIfEmptyAsync(Path.Combine(directory, "seed")).GetAwaiter().GetResult();
        return stopwatch.Elapsed;
    }

    /// <summary>Writes one delivery row per active person for a new campaign, in a seeded database.</summary>
    private static TimeSpan WriteDeliveries(string directory)
    {
        using var db = Context(Path.Combine(directory, "portal.db"));
        var campaign = new Portal.Core.Domain.NoticeCampaign { Subject = "Benchmark", BodyTemplate = "Benchmark", CreatedUtc = DateTime.UtcNow };
        db.NoticeCampaigns.Add(campaign);
        db.SaveChanges();
        var stopwatch = Stopwatch.StartNew();
        var written = new Portal.Core.Notices.CampaignAudience(db).WriteDeliveriesAsync(campaign).GetAwaiter().GetResult();
        var elapsed = stopwatch.Elapsed;
        return written > 45_000 ? elapsed : throw new InvalidOperationException($"Only {written} delivery rows were written.");
    }

    private static PortalDbContext Context(string path) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalSqlite(SqliteDatabase.ConnectionStringForFile(path)).Options);

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(arguments[0]);
        using var process = Process.Start(start)!;
        foreach (var line in arguments.Skip(1))
        {
            process.StandardInput.WriteLine(line);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {process.StandardError.ReadToEnd()}");
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}

/// <summary>
/// The personnel import on PostgreSQL against PostgreSQL's own <c>COPY … FROM STDIN (FORMAT csv)</c> of the same
/// 47,000-row file into an equivalent table (what <c>psql \copy</c> does): the fastest way there is to load that file.
/// Each run gets a new database, migrated, on a throw-away cluster (or <c>BENCH_POSTGRES</c>).
/// </summary>
internal static class PostgreSqlImportBenchmark
{
    public static int Run(int runs)
    {
        var work = Directory.CreateTempSubdirectory("portal-bench-").FullName;
        using var postgres = BenchPostgres.Start();
        try
        {
            var workforce = WorkforceGenerator.Generate();
            var personnel = WorkforceFiles.WriteAll(workforce, Path.Combine(work, "files"));
            var largest = workforce.Incidents.MaxBy(i => i.Manifest.Count)!;
            var manifest = Path.Combine(work, "files", largest.ManifestFileName);
            Console.WriteLine($"PostgreSQL. Personnel extract: {WorkforceGenerator.DefaultSize:N0} rows, {new FileInfo(personnel).Length / 1024.0 / 1024.0:F1} MiB; best of {runs} runs, after one warm-up");
            var baseline = ImportBenchmark.Best(runs + 1, _ => CopyCsv(personnel, postgres.NewDatabase()));
            var import = ImportBenchmark.Best(runs + 1, _ => EngineImport(personnel, postgres.NewDatabase(), reimport: false));
            var reimport = ImportBenchmark.Best(runs + 1, _ => EngineImport(personnel, postgres.NewDatabase(), reimport: true));
            var manifestBaseline = ImportBenchmark.Best(runs + 1, _ => CopyCsv(manifest, postgres.NewDatabase(), ScaleBenchmark.ManifestTable, "manifest"));
            var manifestImport = ImportBenchmark.Best(runs + 1, _ => ScaleBenchmark.ImportAsync(postgres.NewDatabase(), workforce, personnel, Path.Combine(work, "files"), largest).GetAwaiter().GetResult().Manifest);

            Console.WriteLine();
            Console.WriteLine("| what | time | ratio to COPY of the CSV |");
            Console.WriteLine("| --- | ---: | ---: |");
            ImportBenchmark.Row("COPY … FROM STDIN (FORMAT csv) into an equivalent table (baseline)", baseline, baseline);
            ImportBenchmark.Row("engine import, empty database", import, baseline);
            ImportBenchmark.Row("engine re-import, no change", reimport, baseline);
            ImportBenchmark.Row($"COPY of the largest manifest ({largest.Manifest.Count:N0} rows) into an equivalent table (baseline)", manifestBaseline, manifestBaseline);
            ImportBenchmark.Row("engine import of that manifest, into the imported workforce", manifestImport, manifestBaseline);
            return 0;
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The same columns, keys and indexes as the people table, all text as the CSV is.</summary>
    internal const string PeopleTable = "CREATE TABLE people (pay_number TEXT NOT NULL, given_name TEXT NOT NULL, family_name TEXT NOT NULL, personnel_type TEXT NOT NULL, " +
        "rank_or_grade TEXT NOT NULL, unit TEXT NOT NULL, work_location TEXT NOT NULL, vetting_level TEXT NOT NULL, email TEXT NOT NULL, " +
        "sensitive_role TEXT NOT NULL, status TEXT NOT NULL); CREATE UNIQUE INDEX ix_people_pay_number ON people (pay_number); " +
        "CREATE INDEX ix_people_email ON people (email); CREATE INDEX ix_people_family_name ON people (family_name);";

    /// <summary>Creates the table (<paramref name="schema"/> makes one called <paramref name="table"/>) and times COPY of the CSV file into it.</summary>
    internal static TimeSpan CopyCsv(string csv, string connectionString, string schema = PeopleTable, string table = "people")
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = schema;
            create.ExecuteNonQuery();
        }

        var stopwatch = Stopwatch.StartNew();
        using (var copy = connection.BeginTextImport($"COPY {table} FROM STDIN (FORMAT csv, HEADER true)"))
        using (var file = File.OpenText(csv))
        {
            var buffer = new char[65_536];
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, read);
            }
        }

        return stopwatch.Elapsed;
    }

    private static TimeSpan EngineImport(string csv, string connectionString, bool reimport)
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UsePortalPostgreSql(connectionString).Options);
        return ImportBenchmark.EngineImport(db, csv, reimport);
    }
}
