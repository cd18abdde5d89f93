namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>How a delivery's turn in a shared inbox transaction ended.</summary>
internal enum InboxTurnOutcome
{
    /// <summary>Applied and saved on the shared transaction.</summary>
    Saved,

    /// <summary>Failed before sending the database anything: the transaction holds only its neighbours' work.</summary>
    FailedBeforeDatabase,

    /// <summary>Failed after the database saw some of its commands: the transaction cannot be trusted.</summary>
    FailedInDatabase,
}
