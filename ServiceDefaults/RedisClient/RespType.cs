namespace Platform.ServiceDefaults.RedisClient;

public enum RespType
{
    SimpleString,
    Error,
    Number,
    BulkString,
    Array,
    Null,
}
