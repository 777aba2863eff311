package dev.zdd.migrate.rules;

import dev.zdd.migrate.RuleInfo;

import java.util.List;

/** Every statement rule zdd:check-migrations runs, in the order their findings are listed for one place. */
public final class RuleCatalog {
    private RuleCatalog() {
    }

    /** New instances: rules keep no state, but callers may hold them as long as they like. */
    public static List<MigrationRule> rules() {
        return List.of(new AddingFieldWithDefault(), new AddingForeignKeyConstraint(), new AddingNotNullableField(),
                new AddingRequiredField(), new AddingSerialPrimaryKeyField(), new BanAlterDomainWithAddConstraint(),
                new BanCharField(), new BanConcurrentIndexCreationInTransaction(), new BanCreateDomainWithConstraint(),
                new BanDropColumn(), new BanDropDatabase(), new BanDropNotNull(), new BanDropTable(),
                new BanDuplicateColumnAssignments(), new BanTruncateCascade(), new BanUncommittedTransaction(),
                new ChangingColumnType(), new ConstraintMissingNotValid(), new DisallowedUniqueConstraint(),
                new IdentifierTooLong(), new PreferBigintOverInt(), new PreferBigintOverSmallint(),
                new PreferIdentity(), new PreferRepack(), new PreferRobustStmts(), new PreferTextField(),
                new PreferTimestamptz(), new RenamingColumn(), new RenamingTable(), new RequireConcurrentIndexCreation(),
                new RequireConcurrentIndexDeletion(), new RequireConcurrentPartitionDetach(),
                new RequireConcurrentReindex(), new RequireEnumValueOrdering(), new RequireLockTimeout(),
                new TransactionNesting());
    }

    public static List<RuleInfo> infos() {
        return rules().stream().map(MigrationRule::info).toList();
    }
}
