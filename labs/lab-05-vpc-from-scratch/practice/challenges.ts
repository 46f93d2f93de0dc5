import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

/** The route tables of the isolated subnets, found from the stack outputs (AWS CLI, bash). */
const ISOLATED_ROUTE_TABLES = [
  "for subnet in $(echo $IsolatedSubnetIds | tr ',' ' '); do",
  "  table=$(aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=$subnet --query 'RouteTables[0].RouteTableId' --output text)",
].join('\n');

/** lab-05's break-fix exercises: each takes one path of the network away or opens one too wide. */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'data-tier-dynamodb-timeouts',
    scenario:
      'A gateway endpoint serves only the route tables it is attached to: a subnet whose table lacks the prefix-list route has no path to DynamoDB',
    symptom:
      'Since the last network change, the nightly export job in the data subnets times out on every DynamoDB call. ' +
      'The same job run from the private subnets works, and its S3 uploads from the data subnets still work.',
    break: [
      {
        find: '      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,\n      subnets: endpointTiers,',
        replace:
          "      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,\n      subnets: [{ subnetGroupName: 'private' }],",
      },
    ],
    checks: ['gatewayEndpointsOnRouteTables'],
    hints: [
      'The data subnets have no internet route, so every AWS service they reach is reached through something in their route tables. What does S3 have there that DynamoDB lost?',
      'Compare the route tables each gateway endpoint is attached to (aws ec2 describe-vpc-endpoints, RouteTableIds) with the route tables of the isolated subnets, or look at the DynamoDbEndpoint in stack.ts.',
      'A gateway endpoint is attached to route tables, not subnets: add the isolated route tables to the DynamoDB endpoint (modify-vpc-endpoint --add-route-table-ids).',
    ],
    fix: {
      cli: `${ISOLATED_ROUTE_TABLES}\n  aws ec2 modify-vpc-endpoint --vpc-endpoint-id $DynamoDbEndpointId --add-route-table-ids $table\ndone`,
      stack:
        'Give the DynamoDB gateway endpoint the same subnets as the S3 one (subnets: endpointTiers: the private and isolated tiers), then npx labs deploy lab-05.',
    },
  },
  {
    name: 'database-reachable-from-web',
    scenario:
      'A security group rule that names the wrong group admits that group’s members and nobody else: the tier it was meant for is locked out',
    symptom:
      'After the last release the application servers cannot open connections to the database (they hang, then time out), ' +
      'while a penetration test reports that the web servers can open the database port.',
    break: [
      {
        find: "db.addIngressRule(app, ec2.Port.tcp(PORTS.db), 'from the app tier only');",
        replace: "db.addIngressRule(web, ec2.Port.tcp(PORTS.db), 'from the app tier only');",
      },
    ],
    checks: ['securityGroupsChainTiers'],
    hints: [
      'A hang followed by a timeout is a packet dropped on the way, not a refused connection: which filter in front of the database decides who may connect?',
      "Read the database security group's inbound rules (aws ec2 describe-security-groups --group-ids $DbSecurityGroupId) and compare the group they name with the app tier's group id.",
      'The rule names the web group instead of the app group: revoke the rule for the web group and authorize tcp/5432 from the app group.',
    ],
    fix: {
      cli: [
        `rule=$(aws ec2 describe-security-group-rules --filters Name=group-id,Values=$DbSecurityGroupId --query "SecurityGroupRules[?!IsEgress && ReferencedGroupInfo.GroupId=='$WebSecurityGroupId'].SecurityGroupRuleId" --output text)`,
        'aws ec2 revoke-security-group-ingress --group-id $DbSecurityGroupId --security-group-rule-ids $rule',
        'aws ec2 authorize-security-group-ingress --group-id $DbSecurityGroupId --protocol tcp --port 5432 --source-group $AppSecurityGroupId',
      ].join('\n'),
      stack:
        "Make the database group's ingress rule name the app group again (db.addIngressRule(app, ...)), then npx labs deploy lab-05.",
    },
  },
  {
    name: 'app-to-database-port',
    scenario:
      'Security groups filter both ways: an app group whose only egress rule is for the wrong port cannot open connections to the database, whatever the database group admits',
    symptom:
      'Connections from the application servers to the PostgreSQL database hang until they time out. Nothing changed on the ' +
      'database side, which still admits the application servers.',
    break: [
      {
        find: "app.addEgressRule(db, ec2.Port.tcp(PORTS.db), 'to the database tier');",
        replace: "app.addEgressRule(db, ec2.Port.tcp(3306), 'to the database tier');",
      },
    ],
    checks: ['securityGroupsChainTiers'],
    hints: [
      'The database admits the application servers, so look at the other end: can the application servers send that traffic at all?',
      "Read the app group's outbound rules (aws ec2 describe-security-groups --group-ids $AppSecurityGroupId, IpPermissionsEgress) and compare the port with the database's.",
      'The app group allows outbound only what its egress rules list (allowAllOutbound is false): its rule must be tcp/5432 to the database group, not 3306.',
    ],
    fix: {
      cli: [
        `rule=$(aws ec2 describe-security-group-rules --filters Name=group-id,Values=$AppSecurityGroupId --query "SecurityGroupRules[?IsEgress && ReferencedGroupInfo.GroupId=='$DbSecurityGroupId'].SecurityGroupRuleId" --output text)`,
        'aws ec2 revoke-security-group-egress --group-id $AppSecurityGroupId --security-group-rule-ids $rule',
        'aws ec2 authorize-security-group-egress --group-id $AppSecurityGroupId --ip-permissions "IpProtocol=tcp,FromPort=5432,ToPort=5432,UserIdGroupPairs=[{GroupId=$DbSecurityGroupId}]"',
      ].join('\n'),
      stack:
        "Give the app group's egress rule to the database group port PORTS.db (5432) again, then npx labs deploy lab-05.",
    },
  },
];
