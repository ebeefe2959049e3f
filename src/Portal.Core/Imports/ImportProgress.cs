using System.Collections.Concurrent;

namespace Portal.Core.Imports;

/// <summary>How far each running check or import has read, for the progress bar. Kept in memory: the job runs in this process.</summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<int, CountingStream> running = new();

    /// <summary>The share done, 0–99, while running; null when nothing is running for that run here.</summary>
    public int? PercentOf(int runId) => running.TryGetValue(runId, out var stream) ? stream.Percent : null;

    /// <summary>
    /// Opens the run's file, counting what is read; <paramref name="passes"/> is how many times the job reads it whole. All
    /// but the last are quick (its hash, the UTF-8 check) and are shown as the first few per cent; the last (the rows) is
    /// the rest of the bar.
    /// </summary>
    public Stream Open(int runId, string path, int passes)
    {
        var stream = new CountingStream(File.OpenRead(path), passes);
        running[runId] = stream;
        return stream;
    }

    public void Done(int runId) => running.TryRemove(runId, out _);

    private sealed class CountingStream(FileStream inner, int passes) : Stream
    {
        private const double QuickPassShare = 2;
        private readonly long length = inner.Length;
        private long read;
        private int completedPasses;

        // Read from another request's thread, perhaps after the job has closed the file: the length is kept.
        public int Percent
        {
            get
            {
                if (length == 0)
                {
                    return 0;
                }

                var done = Volatile.Read(ref completedPasses);
                var fraction = Math.Min(1.0, Interlocked.Read(ref read) / (double)length);
                var percent = done < passes - 1
                    ? (done + fraction) * QuickPassShare
                    : ((passes - 1) * QuickPassShare) + (fraction * (100 - ((passes - 1) * QuickPassShare)));
                return (int)Math.Min(99, percent);
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => inner.Position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Going back to the start after reading the whole file ends a pass; after a peek at its head, it does not.</summary>
        public override long Seek(long offset, SeekOrigin origin)
        {
            var position = inner.Seek(offset, origin);
            if (position == 0)
            {
                if (Interlocked.Exchange(ref read, 0) >= length)
                {
                    Interlocked.Increment(ref completedPasses);
                }
            }

            return position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int n)
        {
            Interlocked.Add(ref read, n);
            return n;
        }
    }
}
