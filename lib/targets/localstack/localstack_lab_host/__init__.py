"""Plugins that let LocalStack community 4.13.1 run as a host process without Docker or Java.

* DynamoDB + DynamoDB Streams served in-process by moto (LocalStack's own providers run
  DynamoDB Local, a Java program under the vendor's licence, downloaded at first use).
  Select with PROVIDER_OVERRIDE_DYNAMODB=moto PROVIDER_OVERRIDE_DYNAMODBSTREAMS=moto.
* A Lambda runtime executor that runs Node.js functions as host processes (host_executor.py,
  host_runtime.cjs). Select with LAMBDA_RUNTIME_EXECUTOR=labhost.
* A Lambda runtime executor that prepares nothing (so CreateFunction reaches State=Active
  without Docker or the lambda-runtime-init download) and refuses invocations.
  Select with LAMBDA_RUNTIME_EXECUTOR=noexec.
"""
from plux import Plugin

from localstack.aws.api.dynamodb import DynamodbApi
from localstack.aws.api.dynamodbstreams import DynamodbstreamsApi
from localstack.services.plugins import Service, aws_provider
from localstack.state import StateVisitor


class MotoDynamoDBProvider(DynamodbApi):
    def accept_state_visitor(self, visitor: StateVisitor):
        from moto.dynamodb.models import dynamodb_backends

        visitor.visit(dynamodb_backends)


class MotoDynamoDBStreamsProvider(DynamodbstreamsApi):
    def accept_state_visitor(self, visitor: StateVisitor):
        from moto.dynamodbstreams.models import dynamodbstreams_backends

        visitor.visit(dynamodbstreams_backends)


def _add_table_id_to_moto() -> None:
    """moto's table descriptions have no TableId; LocalStack's CloudFormation provider for
    AWS::DynamoDB::GlobalTable (what CDK's TableV2 synthesizes) reads it and fails without one.
    A stable id derived from the table ARN is added (AWS returns a random UUID)."""
    import uuid

    from moto.dynamodb.models.table import Table

    if getattr(Table.describe, "_labkit_table_id", False):
        return
    describe = Table.describe

    def describe_with_table_id(self, base_key: str = "TableDescription"):
        result = describe(self, base_key)
        result[base_key].setdefault("TableId", str(uuid.uuid5(uuid.NAMESPACE_URL, self.table_arn)))
        return result

    describe_with_table_id._labkit_table_id = True
    Table.describe = describe_with_table_id


def _drop_absent_stream_images() -> None:
    """moto writes NewImage {} into a REMOVE stream record and OldImage {} into an INSERT one; a
    DynamoDB stream record leaves out the image that does not exist. A function that reads "has a
    new image" as "the item still exists" (lab-04's audit writer) then refuses every REMOVE."""
    from moto.dynamodb.models.table import StreamRecord

    if getattr(StreamRecord.__init__, "_labkit_images", False):
        return
    init = StreamRecord.__init__

    def init_without_absent_images(self, table, stream_type, event_name, old, new, seq):
        init(self, table, stream_type, event_name, old, new, seq)
        change = self.record["dynamodb"]
        if new is None:
            change.pop("NewImage", None)
        if old is None:
            change.pop("OldImage", None)

    init_without_absent_images._labkit_images = True
    StreamRecord.__init__ = init_without_absent_images


@aws_provider(api="dynamodb", name="moto")
def dynamodb_moto():
    from localstack.services.moto import MotoFallbackDispatcher

    _add_table_id_to_moto()
    _drop_absent_stream_images()

    return Service.for_provider(MotoDynamoDBProvider(), dispatch_table_factory=MotoFallbackDispatcher)


@aws_provider(api="dynamodbstreams", name="moto")
def dynamodbstreams_moto():
    from localstack.services.moto import MotoFallbackDispatcher

    return Service.for_provider(
        MotoDynamoDBStreamsProvider(), dispatch_table_factory=MotoFallbackDispatcher
    )


NOEXEC_MESSAGE = (
    "Lambda invocation is not available: LocalStack runs on the host without a container "
    "runtime (LAMBDA_RUNTIME_EXECUTOR=noexec)"
)


def _noexec_class():
    from localstack.services.lambda_.invocation.runtime_executor import (
        LambdaRuntimeException,
        RuntimeExecutor,
    )

    class NoExecRuntimeExecutor(RuntimeExecutor):
        def start(self, env_vars):
            raise LambdaRuntimeException(NOEXEC_MESSAGE)

        def stop(self):
            pass

        def get_address(self):
            return "127.0.0.1"

        def get_endpoint_from_executor(self):
            return "127.0.0.1"

        def get_runtime_endpoint(self):
            return "http://127.0.0.1/_localstack_lambda/noexec"

        def invoke(self, payload):
            raise LambdaRuntimeException(NOEXEC_MESSAGE)

        def get_logs(self):
            return ""

        @classmethod
        def prepare_version(cls, function_version):
            pass

        @classmethod
        def cleanup_version(cls, function_version):
            pass

    return NoExecRuntimeExecutor


class NoExecRuntimeExecutorPlugin(Plugin):
    namespace = "localstack.lambda.runtime_executor"
    name = "noexec"

    def load(self, *args, **kwargs):
        return _noexec_class()


class HostRuntimeExecutorPlugin(Plugin):
    namespace = "localstack.lambda.runtime_executor"
    name = "labhost"

    def load(self, *args, **kwargs):
        from .host_executor import HostRuntimeExecutor

        return HostRuntimeExecutor
