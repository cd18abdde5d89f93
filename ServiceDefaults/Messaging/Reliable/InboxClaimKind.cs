namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>What the inbox commit group decided for one delivery.</summary>
internal enum InboxClaimKind
{
    /// <summary>The inbox already holds the message: acknowledge without applying.</summary>
    Duplicate,

    /// <summary>Claimed in the group's transaction: apply it now, on that transaction.</summary>
    Turn,

    /// <summary>Not batched (group busy failing, stopping, or the batch was rolled back): use a transaction of its own.</summary>
    Alone,
}
