using System.Text.Json.Serialization;

namespace Platform.Prediction.Jobs;

/// <summary>Where a job is: waiting for the bus, done (whatever became of each row), or given up after its retries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    Queued,
    Completed,
    Failed,
}
