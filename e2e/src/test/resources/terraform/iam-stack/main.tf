# IAM as Terraform users write it: a role for EC2 instances with an instance profile, an inline and an
# attached managed policy, a permissions boundary, and a user with its own policies, all tagged; and
# the stack's versioned S3 bucket of artifacts with one object in it.
# Run by e2e's IamTerraformTest against a running berth: apply, plan -detailed-exitcode, apply with
# revision = 2 (a changed policy document, tags and description), plan again, destroy.

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
  default     = "tfiam"
}

variable "revision" {
  description = "2 changes the managed policy's document, the role's description and the tags"
  type        = number
  default     = 1
}

provider "aws" {
  region                  = "us-east-1"
  access_key              = "test"
  secret_key              = "test"
  skip_metadata_api_check = true

  endpoints {
    iam = var.endpoint
    sts = var.endpoint
    s3  = var.endpoint
  }
  s3_use_path_style = true
}

data "aws_caller_identity" "current" {}

locals {
  tags = {
    Stack    = var.name
    Revision = tostring(var.revision)
  }
  # revision 2 lets the application read its logs too
  app_actions = var.revision >= 2 ? ["ecs:Describe*", "ecs:List*", "logs:GetLogEvents"] : ["ecs:Describe*", "ecs:List*"]
}

# --- the boundary every identity of the stack lives within ------------------------------------------

resource "aws_iam_policy" "boundary" {
  name        = "${var.name}-boundary"
  path        = "/boundaries/"
  description = "the most any identity of ${var.name} may do"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecs:*", "logs:*", "ecr:*", "sts:GetCallerIdentity"]
      Resource = "*"
    }]
  })
  tags = local.tags
}

# --- the role EC2 instances run as ------------------------------------------------------------------

resource "aws_iam_role" "app" {
  name                 = "${var.name}-app"
  path                 = "/apps/"
  description          = "runs ${var.name}'s instances (revision ${var.revision})"
  max_session_duration = 7200
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy" "app_pull" {
  name = "pull-images"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "app" {
  name        = "${var.name}-app-read"
  description = "what ${var.name}'s application reads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = local.app_actions
      Resource = "*"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "app_read" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn
}

resource "aws_iam_role_policy_attachment" "app_logs" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"
}

resource "aws_iam_instance_profile" "app" {
  name = "${var.name}-app"
  path = "/apps/"
  role = aws_iam_role.app.name
  tags = { Stack = var.name }
}

# --- a deploying user --------------------------------------------------------------------------------

resource "aws_iam_user" "deployer" {
  name                 = "${var.name}-deployer"
  path                 = "/ci/"
  permissions_boundary = aws_iam_policy.boundary.arn
  tags                 = local.tags
}

resource "aws_iam_user_policy" "deployer_push" {
  name = "push-images"
  user = aws_iam_user.deployer.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecr:*"]
      Resource = "arn:aws:ecr:us-east-1:${data.aws_caller_identity.current.account_id}:repository/${var.name}/*"
    }]
  })
}

resource "aws_iam_user_policy_attachment" "deployer_read" {
  user       = aws_iam_user.deployer.name
  policy_arn = aws_iam_policy.app.arn
}

# --- the stack's artifacts -------------------------------------------------------------------------------

resource "aws_s3_bucket" "artifacts" {
  bucket        = "${var.name}-artifacts"
  force_destroy = true
  tags          = local.tags
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_object" "release" {
  bucket       = aws_s3_bucket.artifacts.id
  key          = "releases/current.txt"
  content      = "revision ${var.revision}"
  content_type = "text/plain"
  depends_on   = [aws_s3_bucket_versioning.artifacts]
}

output "role_arn" {
  value = aws_iam_role.app.arn
}

output "instance_profile_arn" {
  value = aws_iam_instance_profile.app.arn
}

output "instance_profile_id" {
  value = aws_iam_instance_profile.app.unique_id
}

output "app_policy_arn" {
  value = aws_iam_policy.app.arn
}

output "boundary_arn" {
  value = aws_iam_policy.boundary.arn
}
