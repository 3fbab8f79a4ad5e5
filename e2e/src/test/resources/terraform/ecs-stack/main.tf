# A typical Fargate web service, as users deploy it with Terraform: an image built from a Dockerfile and
# pushed to ECR, secrets from Secrets Manager and SSM, awslogs, an ALB in front, a circuit breaker.
# Beside it, EC2 capacity for the cluster: a VPC with a subnet and a security group, the default VPC's
# subnets looked up, a launch template of the ECS-optimized AMI whose user data joins the cluster, an
# Auto Scaling group over it and a capacity provider with managed scaling, associated with the cluster.
# Run by e2e's TerraformStackTest against a running berth (apply, plan -detailed-exitcode, destroy).

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "endpoint" {
  description = "berth's endpoint, e.g. http://127.0.0.1:4566"
  type        = string
}

variable "name" {
  description = "prefix of every resource, so two runs never collide"
  type        = string
  default     = "tfstack"
}

variable "listener_port" {
  description = "the port the load balancer listens on (a real socket on this host)"
  type        = number
}

variable "base_image" {
  description = "the local image the Dockerfile starts from"
  type        = string
}

provider "aws" {
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"

  endpoints {
    ecs            = var.endpoint
    ecr            = var.endpoint
    elbv2          = var.endpoint
    iam            = var.endpoint
    sts            = var.endpoint
    secretsmanager = var.endpoint
    ssm            = var.endpoint
    logs           = var.endpoint
    ec2            = var.endpoint
    autoscaling    = var.endpoint
    cloudwatch     = var.endpoint
    events         = var.endpoint
    scheduler      = var.endpoint

    applicationautoscaling = var.endpoint
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

# --- image --------------------------------------------------------------------------------------

resource "aws_ecr_repository" "app" {
  name                 = "${var.name}/app"
  image_tag_mutability = "MUTABLE"
  force_delete         = true

  image_scanning_configuration {
    scan_on_push = true
  }

  tags = {
    Stack = var.name
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep the last 10 images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 10
      }
      action = { type = "expire" }
    }]
  })
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "pull"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

# docker build of ./app and docker push to the repository, as a deploy pipeline does
resource "terraform_data" "image" {
  triggers_replace = [aws_ecr_repository.app.repository_url, filesha256("${path.module}/app/Dockerfile")]

  provisioner "local-exec" {
    environment = {
      AWS_ACCESS_KEY_ID     = "test"
      AWS_SECRET_ACCESS_KEY = "test"
    }
    command = <<-EOT
      set -e
      aws --endpoint-url ${var.endpoint} --region us-east-1 ecr get-login-password \
        | docker login --username AWS --password-stdin ${split("/", aws_ecr_repository.app.repository_url)[0]}
      docker build -q --build-arg BASE=${var.base_image} -t ${aws_ecr_repository.app.repository_url}:v1 ${path.module}/app
      docker push -q ${aws_ecr_repository.app.repository_url}:v1
    EOT
  }
}

# --- logs, roles, secrets -----------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${var.name}"
  retention_in_days = 7
}

data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "execution_secrets" {
  name = "read-app-secrets"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [aws_secretsmanager_secret.db.arn]
      },
      {
        Effect   = "Allow"
        Action   = ["ssm:GetParameters"]
        Resource = [aws_ssm_parameter.greeting.arn]
      }
    ]
  })
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
}

resource "aws_iam_policy" "task" {
  name        = "${var.name}-task"
  description = "what the application itself may do"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:PutLogEvents"]
      Resource = ["${aws_cloudwatch_log_group.app.arn}:*"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "task" {
  role       = aws_iam_role.task.name
  policy_arn = aws_iam_policy.task.arn
}

resource "aws_secretsmanager_secret" "db" {
  name                    = "${var.name}/db-password"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = "s3cr3t-from-secrets-manager"
}

resource "aws_ssm_parameter" "greeting" {
  name  = "/${var.name}/greeting"
  type  = "String"
  value = "hello-from-ssm"
}

# --- EC2 capacity -------------------------------------------------------------------------------

data "aws_vpc" "default" {
  default = true
}

data "aws_subnets" "default" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default.id]
  }
}

data "aws_ssm_parameter" "ecs_ami" {
  name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
  tags       = { Name = "${var.name}-vpc" }
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "${var.name}-a" }
}

resource "aws_security_group" "instances" {
  name        = "${var.name}-instances"
  description = "container instances"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_launch_template" "instances" {
  name_prefix   = "${var.name}-"
  image_id      = data.aws_ssm_parameter.ecs_ami.value
  instance_type = "t3.small"
  user_data     = base64encode("#!/bin/bash\necho ECS_CLUSTER=${var.name}-cluster >> /etc/ecs/ecs.config\n")
  vpc_security_group_ids = [aws_security_group.instances.id]
}

resource "aws_autoscaling_group" "instances" {
  name                      = "${var.name}-asg"
  min_size                  = 0
  max_size                  = 2
  desired_capacity          = 0
  vpc_zone_identifier       = [aws_subnet.a.id]
  protect_from_scale_in     = true
  health_check_grace_period = 0

  launch_template {
    id      = aws_launch_template.instances.id
    version = "$Latest"
  }

  tag {
    key                 = "AmazonECSManaged"
    value               = "true"
    propagate_at_launch = true
  }

  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

resource "aws_ecs_capacity_provider" "instances" {
  name = "${var.name}-cp"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.instances.arn
    managed_termination_protection = "ENABLED"

    managed_scaling {
      status          = "ENABLED"
      target_capacity = 100
    }
  }
}

# --- cluster and task definition ----------------------------------------------------------------

resource "aws_ecs_cluster" "main" {
  name = "${var.name}-cluster"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT", aws_ecs_capacity_provider.instances.name]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 100
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${var.name}-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = jsonencode([{
    name      = "web"
    image     = "${aws_ecr_repository.app.repository_url}:v1"
    essential = true
    portMappings = [{
      containerPort = 8080
      protocol      = "tcp"
    }]
    environment = [{ name = "STACK", value = var.name }]
    secrets = [
      { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn },
      { name = "GREETING", valueFrom = aws_ssm_parameter.greeting.arn }
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "web"
      }
    }
  }])

  depends_on = [terraform_data.image]
}

# --- load balancer ------------------------------------------------------------------------------

resource "aws_lb" "web" {
  name               = "${var.name}-alb"
  internal           = false
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  idle_timeout       = 30
}

resource "aws_lb_target_group" "web" {
  name                 = "${var.name}-tg"
  port                 = 8080
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = "vpc-0a1b2c3d"
  deregistration_delay = 5

  health_check {
    path                = "/"
    matcher             = "200"
    interval            = 5
    timeout             = 2
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = aws_lb.web.arn
  port              = var.listener_port
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener_rule" "health" {
  listener_arn = aws_lb_listener.web.arn
  priority     = 10

  condition {
    path_pattern {
      values = ["/lb-health"]
    }
  }

  action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "ok"
      status_code  = "200"
    }
  }
}

# --- service ------------------------------------------------------------------------------------

resource "aws_ecs_service" "app" {
  name                  = "${var.name}-app"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.app.arn
  desired_count         = 2
  launch_type           = "FARGATE"
  wait_for_steady_state = true

  network_configuration {
    subnets          = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = 8080
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  depends_on = [aws_lb_listener.web, aws_iam_role_policy.execution_secrets]
}

output "default_subnets" {
  value = length(data.aws_subnets.default.ids)
}

# --- auto scaling -------------------------------------------------------------------------------

resource "aws_appautoscaling_target" "app" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = 2
  max_capacity       = 4
  tags               = { stack = var.name }
}

resource "aws_appautoscaling_policy" "requests" {
  name               = "${var.name}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.app.service_namespace
  resource_id        = aws_appautoscaling_target.app.resource_id
  scalable_dimension = aws_appautoscaling_target.app.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 1000
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.web.arn_suffix}/${aws_lb_target_group.web.arn_suffix}"
    }
  }
}

resource "aws_appautoscaling_policy" "backlog" {
  name               = "${var.name}-backlog"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.app.service_namespace
  resource_id        = aws_appautoscaling_target.app.resource_id
  scalable_dimension = aws_appautoscaling_target.app.scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ChangeInCapacity"
    cooldown                = 120
    metric_aggregation_type = "Maximum"
    step_adjustment {
      metric_interval_lower_bound = 0
      scaling_adjustment          = 1
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "backlog" {
  alarm_name          = "${var.name}-backlog"
  namespace           = "Orders"
  metric_name         = "Backlog"
  dimensions          = { Queue = "orders" }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = 500
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_appautoscaling_policy.backlog.arn]
  tags                = { stack = var.name }
}

resource "aws_appautoscaling_scheduled_action" "new_year" {
  name               = "${var.name}-new-year"
  service_namespace  = aws_appautoscaling_target.app.service_namespace
  resource_id        = aws_appautoscaling_target.app.resource_id
  scalable_dimension = aws_appautoscaling_target.app.scalable_dimension
  schedule           = "cron(0 3 1 1 ? *)"
  timezone           = "Europe/Berlin"

  scalable_target_action {
    min_capacity = 3
    max_capacity = 4
  }
}

# --- events: a nightly batch run of the task by an EventBridge rule and by a Scheduler schedule --

data "aws_iam_policy_document" "events_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com", "scheduler.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "events" {
  name               = "${var.name}-events"
  assume_role_policy = data.aws_iam_policy_document.events_trust.json
}

resource "aws_iam_role_policy" "events_run_task" {
  name = "run-task"
  role = aws_iam_role.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ecs:RunTask"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:PassRole"], Resource = [aws_iam_role.task.arn, aws_iam_role.execution.arn] },
    ]
  })
}

resource "aws_cloudwatch_event_bus" "orders" {
  name = "${var.name}-orders"
  tags = { stack = var.name }
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "${var.name}-nightly"
  description         = "the nightly batch"
  schedule_expression = "cron(0 3 * * ? *)"
  tags                = { stack = var.name }
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule     = aws_cloudwatch_event_rule.nightly.name
  arn      = aws_ecs_cluster.main.arn
  role_arn = aws_iam_role.events.arn

  ecs_target {
    task_definition_arn = aws_ecs_task_definition.app.arn
    task_count          = 1
    launch_type         = "FARGATE"
    network_configuration {
      subnets          = ["subnet-0a1b2c3d"]
      assign_public_ip = false
    }
  }

  retry_policy {
    maximum_retry_attempts       = 2
    maximum_event_age_in_seconds = 3600
  }
}

resource "aws_cloudwatch_event_rule" "big_orders" {
  name           = "${var.name}-big-orders"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  event_pattern = jsonencode({
    source = [{ prefix = "shop." }]
    detail = { amount = [{ numeric = [">=", 100] }] }
  })
}

resource "aws_cloudwatch_event_target" "big_orders" {
  rule           = aws_cloudwatch_event_rule.big_orders.name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  target_id      = "run-batch"
  arn            = aws_ecs_cluster.main.arn
  role_arn       = aws_iam_role.events.arn

  ecs_target {
    task_definition_arn = aws_ecs_task_definition.app.arn
    launch_type         = "FARGATE"
    network_configuration {
      subnets = ["subnet-0a1b2c3d"]
    }
  }

  input_transformer {
    input_paths    = { customer = "$.detail.customer" }
    input_template = <<-EOT
      {"containerOverrides":[{"name":"web","environment":[{"name":"CUSTOMER","value":<customer>}]}]}
    EOT
  }
}

resource "aws_scheduler_schedule" "weekly" {
  name                         = "${var.name}-weekly"
  schedule_expression          = "cron(0 4 ? * SUN *)"
  schedule_expression_timezone = "Europe/Paris"

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 15
  }

  target {
    arn      = aws_ecs_cluster.main.arn
    role_arn = aws_iam_role.events.arn

    ecs_parameters {
      task_definition_arn = aws_ecs_task_definition.app.arn
      launch_type         = "FARGATE"
      network_configuration {
        subnets = ["subnet-0a1b2c3d"]
      }
    }
  }
}

output "repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "cluster" {
  value = aws_ecs_cluster.main.name
}

output "service" {
  value = aws_ecs_service.app.name
}

output "log_group" {
  value = aws_cloudwatch_log_group.app.name
}

output "dns_name" {
  value = aws_lb.web.dns_name
}
